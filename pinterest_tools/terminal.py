"""Reading a line the user types: the one place every prompt (commands, OAuth paste) gets its input.

``input()`` raises RuntimeError ("input(): lost sys.stdin") when stdin was closed
(``<&-``, so ``sys.stdin`` is None), ValueError when it is a closed file, and OSError when
it cannot be read at all (``< /``). Each of these means no answer will ever come, which
the prompts already handle as the end of input (EOFError): a default, a cancellation, or
a command's "input ended before an answer was given" (exit 1).
"""

from __future__ import annotations

import sys


def read_line(prompt: str) -> str:
    """``input(prompt)``; EOFError when stdin is closed, missing or unreadable, as at its end.

    With stdout closed (``>&-``) the question cannot be shown, but the answer is still read.
    """
    stdin = sys.stdin
    if stdin is None:
        raise EOFError("stdin is closed")
    try:
        if sys.stdout is None:
            line = stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        return input(prompt)
    except UnicodeDecodeError:  # an answer that is not text: not the end of input
        raise
    except (RuntimeError, ValueError, OSError) as exc:
        raise EOFError(str(exc)) from None
