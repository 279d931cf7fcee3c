"""1,000 ``pins.get`` at 20 in flight: ``AsyncPinterest`` (argv[1] == "ours") or raw httpx.AsyncClient + json.

Prints the client's CPU seconds (this process: the server is another one) and the wall seconds.
"""

import asyncio
import json
import os
import sys
import time

COUNT, IN_FLIGHT = 1000, 20
BASE = os.environ["PINTEREST_API_URI"]
TOKEN = os.environ["ACCESS_TOKEN"]
PIN = os.environ["PIN_ID"]


async def ours() -> None:
    from pinterest_tools import AsyncPinterest

    async with AsyncPinterest(TOKEN, base_url=BASE) as client:
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def one() -> str:
            async with gate:
                return str((await client.pins.get(PIN)).id)

        got = await asyncio.gather(*(one() for _ in range(COUNT)))
    assert got == [PIN] * COUNT


async def raw() -> None:
    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=f"{BASE}/v5", headers=headers) as http:
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def one() -> str:
            async with gate:
                response = await http.get(f"/pins/{PIN}")
                response.raise_for_status()
                return str(json.loads(response.content)["id"])

        got = await asyncio.gather(*(one() for _ in range(COUNT)))
    assert got == [PIN] * COUNT


start, cpu = time.perf_counter(), time.process_time()
asyncio.run(ours() if sys.argv[1] == "ours" else raw())
print(time.process_time() - cpu, time.perf_counter() - start)
