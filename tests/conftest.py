"""Session-wide set-up for the whole suite."""
import signal

# Run as a background job (`make test &`, nohup), the suite inherits SIGINT ignored, and so would every
# command the tests start and then interrupt with Ctrl-C. A Python handler here is reset to the default
# in each child at exec, so Ctrl-C means Ctrl-C again, for the suite and for what it starts.
signal.signal(signal.SIGINT, signal.default_int_handler)
