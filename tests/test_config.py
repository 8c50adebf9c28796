"""Paths come from one place: the project folder, the data, the cache and the notebooks."""

from __future__ import annotations

from analysis import config


def test_the_checkout_is_the_project_folder_by_default(monkeypatch):
    monkeypatch.delenv(config.HOME_ENV, raising=False)
    assert config.project_dir() == config.PACKAGE_DIR.parent
    assert config.default_corpus() == config.PACKAGE_DIR.parent / "data" / "corpus"


def test_newscov_home_moves_every_default(monkeypatch, tmp_path):
    monkeypatch.setenv(config.HOME_ENV, str(tmp_path))
    monkeypatch.delenv(config.CACHE_ENV, raising=False)
    monkeypatch.delenv(config.NOTEBOOKS_ENV, raising=False)
    assert config.data_dir() == tmp_path / "data"
    assert config.default_reference()["actors"] == tmp_path / "data" / "actors.yml"
    assert config.cache_dir() == tmp_path / ".cache" / "annotations"
    assert config.notebooks_dir() == tmp_path / "notebooks"


def test_an_installed_package_without_data_uses_the_current_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(config.HOME_ENV, raising=False)
    monkeypatch.setattr(config, "PACKAGE_DIR", tmp_path / "site-packages" / "analysis")
    monkeypatch.chdir(tmp_path)
    assert config.project_dir() == tmp_path


def test_cache_and_notebook_variables_win(monkeypatch, tmp_path):
    monkeypatch.setenv(config.CACHE_ENV, str(tmp_path / "c"))
    monkeypatch.setenv(config.NOTEBOOKS_ENV, str(tmp_path / "n"))
    assert config.cache_dir() == tmp_path / "c"
    assert config.notebooks_dir() == tmp_path / "n"
