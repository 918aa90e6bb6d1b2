import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    """Every test writes runs to its own cache, never the project's."""
    monkeypatch.setenv("TOYVIZ_CACHE", str(tmp_path / "cache"))
