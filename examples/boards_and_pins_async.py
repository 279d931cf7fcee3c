"""The same with asyncio: every board's pins fetched concurrently."""

import asyncio

from pinterest_tools import AsyncPinterest


async def count_pins(client: AsyncPinterest, board_id: str) -> int:
    return len([pin async for pin in client.boards.list_pins(board_id)])


async def main(client: AsyncPinterest) -> None:
    boards = [board async for board in client.boards.list()]
    counts = await asyncio.gather(*(count_pins(client, board.id) for board in boards))
    for board, count in zip(boards, counts, strict=True):
        print(f"{board.name}: {count} pins")


async def run() -> None:
    async with AsyncPinterest() as client:
        await main(client)


if __name__ == "__main__":
    asyncio.run(run())
