"""How a corpus worker reads a file: as many bytes as it holds, at most the limit plus one (so that a
file over the limit is seen to be over it), whether or not its size is known in advance."""

from __future__ import annotations

import os
import threading

from gongkai.corpus.extract import Archives, Item, Options, read_item


def _read(path, max_bytes: int) -> bytes:
    return read_item(Item(str(path), None, "fp"), Archives(), Options(max_bytes=max_bytes))


def test_a_file_under_the_limit_is_read_whole_and_one_over_it_up_to_one_byte_past(tmp_path):
    small, large, exact, empty = (tmp_path / f"{name}.txt" for name in ("small", "large", "exact", "empty"))
    small.write_bytes(b"a" * 50)
    large.write_bytes(bytes(range(256)) * 2)
    exact.write_bytes(b"b" * 100)
    empty.write_bytes(b"")
    assert _read(small, 100) == b"a" * 50
    assert _read(large, 100) == (bytes(range(256)) * 2)[:101]
    assert _read(exact, 100) == b"b" * 100
    assert _read(empty, 100) == b""


def test_a_pipe_whose_size_is_not_known_is_read_to_its_end_or_past_the_limit(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    content = b"0123456789" * 30

    def write() -> None:
        with open(fifo, "wb") as fh:
            fh.write(content)  # 300 bytes: all in the pipe's buffer at once, whatever the reader takes

    for limit, expected in ((1000, content), (120, content[:121])):
        writer = threading.Thread(target=write)
        writer.start()
        got = _read(fifo, limit)
        writer.join(timeout=10)
        assert got == expected
