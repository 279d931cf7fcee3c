"""Customer list uploads end to end (``described.customer_list_uploads``): the file's parts PUT to
the URLs the create answers, run, polled to the end, counted into the list; in both modes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pytest
from support.emulator import check_emulator

from pinterest_tools.emulator import SECOND_USER
from pinterest_tools.emulator.serving.upload_host import MAX_PART
from pinterest_tools.emulator.testing import MODES, PinterestEmulator, start_emulator

COUNTERS = ("num_batches", "num_uploaded_user_records", "num_removed_user_records")


@pytest.fixture(params=MODES)
def emu(request: pytest.FixtureRequest) -> Iterator[PinterestEmulator]:
    with start_emulator(request.param, record=True) as started:
        yield started
        check_emulator(started)


def api(emu: PinterestEmulator, user: str | None = None) -> httpx.Client:
    token = emu.token if user is None else emu.issue_token(user)
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.Client(base_url=emu.base_url + "/v5", headers=headers, transport=emu.transport)


def s3(emu: PinterestEmulator) -> httpx.Client:
    """A client of the part URLs: no Pinterest token, as a client PUTs to S3."""
    return httpx.Client(transport=emu.transport)


def ok(response: httpx.Response) -> Any:
    assert response.is_success, response.text
    return response.json()


def lists_path(emu: PinterestEmulator) -> str:
    account = emu.state.ad_accounts_of(emu.state.user("dexter_demo").id)[0].id
    return f"/ad_accounts/{account}/customer_lists"


def new_list(v5: httpx.Client, base: str, **body: Any) -> Any:
    return ok(v5.post(base, json={"name": "Regulars"} | body))


def new_upload(v5: httpx.Client, path: str, operation: str, parts: int) -> tuple[Any, list[str]]:
    created = ok(v5.post(f"{path}/uploads", json={"operation": operation, "total_parts": parts}))
    urls = [part["presigned_url"] for part in created["s3_multipart_upload_data"]["file_parts"]]
    return created["customer_list_upload"], urls


def sent(upload: Any, urls: list[str], parts: list[bytes], puts: httpx.Client) -> None:
    for url, data in zip(urls, parts, strict=True):
        answer = puts.put(url, content=data)
        assert answer.status_code == 200, answer.text
        assert answer.headers["etag"] == f'"{hashlib.md5(data, usedforsecurity=False).hexdigest()}"'


def finished(v5: httpx.Client, path: str) -> list[Any]:
    """The reads of a running upload until it ends (at most five)."""
    reads = [ok(v5.get(path))]
    while reads[-1]["state"] == "RUNNING" and len(reads) < 5:
        reads.append(ok(v5.get(path)))
    return reads


def test_an_add_upload_in_two_parts_counts_its_records_into_the_list(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        customer_list = new_list(v5, base)
        assert [customer_list[k] for k in COUNTERS] == [0, 0, 0]
        path = f"{base}/{customer_list['id']}"
        before = int(emu.clock.now())
        upload, urls = new_upload(v5, path, "ADD", 2)
        after = int(emu.clock.now())
        assert before <= upload["creation_time"] == upload["updated_time"] <= after  # epoch seconds
        assert (upload["state"], upload["operation"], upload["customer_list_id"]) == (
            "NOT_STARTED",
            "ADD",
            customer_list["id"],
        )
        assert len(urls) == 2
        for number, url in enumerate(urls, 1):
            assert url.startswith(f"{emu.base_url}/_emulator/customer-list-uploads/{upload['id']}?")
            assert dict(parse_qsl(urlsplit(url).query))["partNumber"] == str(number)
        upload_path = f"{path}/uploads/{upload['id']}"
        sent(upload, urls, [b"ada@example.com\nbo@example.com\n", b"cy@example.com\n\nnot-an-email\n"], puts)
        assert ok(v5.get(upload_path)) == upload  # nothing moves before it is run, however often read
        assert ok(v5.get(upload_path)) == upload

        emu.clock.advance(120)
        ran = ok(v5.post(f"{upload_path}/run"))
        assert ran["state"] == "RUNNING" and ran["updated_time"] >= upload["creation_time"] + 120
        emu.clock.advance(60)
        reads = finished(v5, upload_path)
        assert [r["state"] for r in reads] == ["RUNNING", "SUCCEEDED"]  # report_polls (1) reads, then done
        done = reads[-1]
        assert done["updated_time"] >= ran["updated_time"] + 60
        same = ("id", "operation", "customer_list_id", "ad_account_id", "creation_time")
        assert {k: ran[k] for k in same} == {k: done[k] for k in same} == {k: upload[k] for k in same}
        assert done["record_counts"] == {"processed": 4, "valid": 3, "invalid": 1}
        assert done["error_counts"] == [{"error_code": 42, "message": "Invalid email", "count": 1}]
        assert ok(v5.get(upload_path)) == done

        got = ok(v5.get(path))
        assert [got[k] for k in COUNTERS] == [1, 3, 0]
        assert got["updated_time"] == done["updated_time"]
        listed = ok(v5.get(base))["items"]
        assert [[i[k] for k in COUNTERS] for i in listed if i["id"] == customer_list["id"]] == [[1, 3, 0]]


def test_a_remove_upload_lowers_the_list_and_its_audience(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        people = ",".join(f"person{n}@example.com" for n in range(3))
        customer_list = new_list(v5, base, records=people, list_type="EMAIL")
        path = f"{base}/{customer_list['id']}"
        account = base.split("/")[2]
        audience = ok(
            v5.post(
                f"/ad_accounts/{account}/audiences",
                json={
                    "name": "Regulars",
                    "audience_type": "CUSTOMER_LIST",
                    "rule": {"customer_list_id": customer_list["id"]},
                },
            )
        )
        assert audience["size"] == 3
        upload, urls = new_upload(v5, path, "REMOVE", 1)
        hashed = hashlib.sha256(b"person1@example.com").hexdigest()
        sent(upload, urls, [f"person0@example.com\r\n{hashed}\r\nPerson2@Example.com\r\n".encode()], puts)
        ok(v5.post(f"{path}/uploads/{upload['id']}/run"))
        done = finished(v5, f"{path}/uploads/{upload['id']}")[-1]
        assert (done["state"], done["operation"]) == ("SUCCEEDED", "REMOVE")
        # Pinterest: emails must be lowercase (plain or a SHA1/SHA256/MD5 digest).
        assert done["record_counts"] == {"processed": 3, "valid": 2, "invalid": 1}
        assert [ok(v5.get(path))[k] for k in COUNTERS] == [2, 3, 2]
        assert ok(v5.get(f"/ad_accounts/{account}/audiences/{audience['id']}"))["size"] == 1


def test_a_maid_list_takes_hashed_ids_only(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        path = f"{base}/{new_list(v5, base, list_type='MAID')['id']}"
        upload, urls = new_upload(v5, path, "ADD", 1)
        maid = "38400000-8cf0-11bd-b23e-10b96e40000d"
        digests = [
            hashlib.md5(maid.encode(), usedforsecurity=False).hexdigest(),
            hashlib.sha1(maid.encode()).hexdigest(),
        ]
        sent(upload, urls, ["\n".join([*digests, maid, "ada@example.com"]).encode()], puts)
        ok(v5.post(f"{path}/uploads/{upload['id']}/run"))
        done = finished(v5, f"{path}/uploads/{upload['id']}")[-1]
        assert done["record_counts"] == {"processed": 4, "valid": 2, "invalid": 2}
        assert done["error_counts"] == [{"error_code": 43, "message": "Not a SHA1, SHA256 or MD5 hash", "count": 2}]
        assert [ok(v5.get(path))[k] for k in COUNTERS] == [1, 2, 0]


def test_running_another_lists_or_an_unknown_upload_is_404(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5:
        mine, other = new_list(v5, base), new_list(v5, base, name="Others")
        upload, _ = new_upload(v5, f"{base}/{mine['id']}", "ADD", 1)
        for path in (
            f"{base}/{other['id']}/uploads/{upload['id']}",  # not this list's upload
            f"{base}/{mine['id']}/uploads/{mine['id']}",  # a list, not an upload
            f"{base}/{mine['id']}/uploads/99",
        ):
            answer = v5.post(f"{path}/run")
            assert answer.status_code == 404, (path, answer.text)
            assert v5.get(path).status_code == 404
    with api(emu, user=SECOND_USER) as stranger:
        assert stranger.post(f"{base}/{mine['id']}/uploads/{upload['id']}/run").status_code == 404
    with api(emu) as v5:
        assert ok(v5.get(f"{base}/{mine['id']}/uploads/{upload['id']}"))["state"] == "NOT_STARTED"


def test_running_with_parts_missing_or_twice_is_a_400(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        path = f"{base}/{new_list(v5, base)['id']}"
        upload, urls = new_upload(v5, path, "ADD", 3)
        run = f"{path}/uploads/{upload['id']}/run"
        assert puts.put(urls[1], content=b"ada@example.com\n").status_code == 200
        missing = v5.post(run)
        assert missing.status_code == 400
        assert missing.json() == {
            "code": 1,
            "message": f"Customer list upload {upload['id']} is missing part(s) 1, 3 of 3: "
            "PUT each part to its presigned_url before running the upload.",
        }
        assert puts.put(urls[0], content=b"bo@example.com\n").status_code == 200
        assert puts.put(urls[2], content=b"cy@example.com\n").status_code == 200
        assert ok(v5.post(run))["record_counts"] == {"processed": 3, "valid": 3, "invalid": 0}
        again = v5.post(run)
        assert again.status_code == 400
        assert again.json()["message"] == f"Customer list upload {upload['id']} was already run (state RUNNING)."
        assert finished(v5, f"{path}/uploads/{upload['id']}")[-1]["state"] == "SUCCEEDED"
        assert [ok(v5.get(path))[k] for k in COUNTERS] == [1, 3, 0]  # counted once


def s3_code(answer: httpx.Response) -> tuple[int, str]:
    return answer.status_code, answer.text.split("<Code>")[1].split("</Code>")[0]


def two_uploads(v5: httpx.Client, base: str) -> tuple[str, tuple[Any, list[str]], tuple[Any, list[str]]]:
    """A new list's path and two ADD uploads of one part on it."""
    path = f"{base}/{new_list(v5, base)['id']}"
    return path, new_upload(v5, path, "ADD", 1), new_upload(v5, path, "ADD", 1)


def test_a_part_that_is_not_one_of_the_uploads_parts_is_refused(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        path, (upload, urls), (other, _) = two_uploads(v5, base)
        elsewhere = urls[0].replace(f"/{upload['id']}?", f"/{other['id']}?")  # this part's URL, another upload
        assert s3_code(puts.put(elsewhere, content=b"ada@example.com")) == (403, "SignatureDoesNotMatch")
        query = dict(parse_qsl(urlsplit(urls[0]).query)) | {"partNumber": "2"}  # a part it was not given
        second = urls[0].split("?")[0] + "?" + urlencode(query)
        assert s3_code(puts.put(second, content=b"ada@example.com")) == (403, "SignatureDoesNotMatch")
        assert s3_code(puts.put(urls[0], content=b"x" * (MAX_PART + 1))) == (400, "EntityTooLarge")
        assert s3_code(puts.put(urls[0], content=b"")) == (400, "InvalidArgument")
        assert emu.state.upload_parts == {}  # nothing refused was kept
        assert v5.post(f"{path}/uploads/{upload['id']}/run").status_code == 400  # so its part is still missing


def test_a_part_after_the_run_or_after_its_url_expired_is_refused(emu: PinterestEmulator) -> None:
    base = lists_path(emu)
    with api(emu) as v5, s3(emu) as puts:
        path, (upload, urls), (late, late_urls) = two_uploads(v5, base)
        assert puts.put(urls[0], content=b"ada@example.com\n").status_code == 200
        ok(v5.post(f"{path}/uploads/{upload['id']}/run"))
        assert s3_code(puts.put(urls[0], content=b"bo@example.com\n")) == (404, "NoSuchUpload")
        emu.clock.advance(3601)  # a pre-signed URL lives an hour
        assert s3_code(puts.put(late_urls[0], content=b"bo@example.com\n")) == (403, "AccessDenied")
        assert ok(v5.get(f"{path}/uploads/{late['id']}"))["state"] == "NOT_STARTED"


def test_a_failed_upload_leaves_the_list_as_it_was() -> None:
    with start_emulator("inprocess", record=True, report_outcome="FAILED") as emu:
        base = lists_path(emu)
        with api(emu) as v5, s3(emu) as puts:
            path = f"{base}/{new_list(v5, base)['id']}"
            upload, urls = new_upload(v5, path, "ADD", 1)
            sent(upload, urls, [b"ada@example.com\n"], puts)
            ok(v5.post(f"{path}/uploads/{upload['id']}/run"))
            assert [r["state"] for r in finished(v5, f"{path}/uploads/{upload['id']}")] == ["RUNNING", "FAILED"]
            assert [ok(v5.get(path))[k] for k in COUNTERS] == [0, 0, 0]
        check_emulator(emu)
