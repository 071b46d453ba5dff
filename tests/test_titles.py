"""What a domain and a table are called without catalog.yml's names, and with them."""

from __future__ import annotations

from generator.model.titles import domain_title, table_title
from generator.read.catalog_config import CatalogConfig


def test_known_domains_and_tasks_have_their_usual_names_and_others_their_words() -> None:
    config = CatalogConfig()
    assert (
        domain_title(config, "cv") == "Computer Vision" and domain_title(config, "nlg") == "Natural Language Generation"
    )
    assert table_title(config, "cv", "classification") == "Image Classification"
    assert table_title(config, "audio", "classification") == "Audio Classification"  # the domain says of what
    assert domain_title(config, "robotics") == "Robotics"
    assert table_title(config, "cv", "keypoint_matching") == "Keypoint matching"


def test_names_in_catalog_yml_win() -> None:
    config = CatalogConfig(names={"cv": "Vision", "classification": "Classifiers"})
    assert domain_title(config, "cv") == "Vision"
    assert table_title(config, "audio", "classification") == "Classifiers"
