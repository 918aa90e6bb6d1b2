"""Session-wide set-up for the whole suite."""
import importlib.util
import signal

import pytest

# Run as a background job (`make test &`, nohup), the suite inherits SIGINT ignored, and so would every
# command the tests start and then interrupt with Ctrl-C. A Python handler here is reset to the default
# in each child at exec, so Ctrl-C means Ctrl-C again, for the suite and for what it starts.
signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _manim_media_apart(tmp_path_factory):
    """Manim caches each Text's outline under media_dir/texts keyed by text, font and size but not the
    canvas, so the tests' tiny dry runs would leave clipped outlines in ./media that a later full-size
    `manim` render from the checkout reuses. The suite renders into a folder of its own."""
    if importlib.util.find_spec("manim") is not None:
        import manim
        manim.config.media_dir = str(tmp_path_factory.mktemp("manim-media"))
    yield
