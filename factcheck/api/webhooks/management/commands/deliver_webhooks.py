"""`manage.py deliver_webhooks`: the worker that sends the webhook outbox (see delivery.py).

Runs until SIGTERM or SIGINT (it finishes the delivery in hand, puts the rest of its batch back
and exits 0); `--once` sends what is due and exits. Run it beside gunicorn (README, Webhooks).
"""

import argparse
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from factcheck.api.webhooks.delivery import deliver_due


def positive(kind):
    def parse(value):
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} must be more than 0")
        return number

    return parse


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due, with back-off and a retry limit."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Send everything due now, then exit."
        )
        parser.add_argument(
            "--batch",
            type=positive(int),
            default=20,
            help="Deliveries taken at a time (default 20).",
        )
        parser.add_argument(
            "--interval",
            type=positive(float),
            default=2.0,
            help="Seconds to wait when nothing is due (default 2).",
        )

    def handle(self, *args, once, batch, interval, **options):
        stopping = threading.Event()
        if not once:
            self._on_stop_signals(stopping)
        sent = 0
        while not stopping.is_set():
            if not connection.in_atomic_block:  # (as when a test calls the command)
                close_old_connections()  # a long-running process: drop connections gone stale
            summary = deliver_due(batch=batch, stop=stopping.is_set)
            if summary.total:
                sent += summary.total
                self.stdout.write(
                    f"Sent {summary.total}: {summary.succeeded} delivered, "
                    f"{summary.retrying} to retry, {summary.failed} failed."
                )
            elif once:
                break
            else:
                stopping.wait(interval)
        if once:
            self.stdout.write(f"Done: {sent} deliveries sent.")
        else:
            self.stdout.write("Stopped.")

    def _on_stop_signals(self, stopping):
        def stop(signum, frame):
            stopping.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, stop)
