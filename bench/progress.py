"""Progress of a long phase on stderr, at most every few seconds; stdout stays for the figures."""

import sys
import time


class Progress:
    """Counts what a phase has done and says so on stderr now and then."""

    def __init__(self, phase: str, every: float = 5.0):
        self.phase, self.every = phase, every
        self.count = 0.0
        self.started = self._said = time.perf_counter()

    def add(self, n: float = 1) -> None:
        self.count += n
        now = time.perf_counter()
        if now - self._said >= self.every:
            self._said = now
            self.say(f"{self.count:,.0f} events, {now - self.started:.0f} s "
                     f"({self.count / (now - self.started):,.0f}/s)")

    def say(self, text: str) -> None:
        print(f"  {self.phase}: {text}", file=sys.stderr, flush=True)

    def end(self) -> None:
        elapsed = time.perf_counter() - self.started
        self.say(f"done, {self.count:,.0f} events in {elapsed:.1f} s")


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
