"""Upload a video and make a video pin of it (register, upload, wait for processing, create)."""

from pathlib import Path

from pinterest_tools import Pinterest


def main(client: Pinterest, board_id: str, video: Path) -> str:
    pin = client.create_video_pin(
        board_id,
        video,
        title="Timelapse",
        cover_image_url="https://images.example.com/cover.jpg",
    )
    print(f"video pin {pin.id} created")
    return pin.id


if __name__ == "__main__":
    import sys

    with Pinterest() as client:
        main(client, sys.argv[1], Path(sys.argv[2]))
