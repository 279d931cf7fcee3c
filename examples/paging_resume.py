"""Read every pin a page at a time, stop after the first page, and resume later from its bookmark."""

from pinterest_tools import Pinterest


def main(client: Pinterest, page_size: int) -> list[str]:
    first = client.pins.list(page_size=page_size).first_page()
    titles = [pin.title or "" for pin in first.items]
    print(f"first page: {len(first.items)} pins, next bookmark saved")
    if first.bookmark is not None:  # None: that was the only page
        resumed = client.pins.list(page_size=page_size, bookmark=first.bookmark)
        for page in resumed.pages():
            titles += [pin.title or "" for pin in page.items]
            print(f"resumed page: {len(page.items)} pins")
    print(f"{len(titles)} pins in all")
    return titles


if __name__ == "__main__":
    with Pinterest() as client:
        main(client, page_size=25)
