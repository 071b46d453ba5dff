"""What a domain and a table are called: catalog.yml's `names`, else the usual name of a stub's domain or task.

The domains and sub-domains below are those of the SparseZoo's stubs and of what `zoocat import` maps Hugging Face
pipeline tags and OpenMMLab tasks to: a zoo without `names` still reads "Computer Vision / Image Classification",
not "cv / classification". A sub-domain's name depends on its domain (classification is of images in cv, of sounds
in audio).
"""

from __future__ import annotations

from ..read.catalog_config import CatalogConfig

DOMAIN_TITLES = {
    "cv": "Computer Vision",
    "nlp": "Natural Language Processing",
    "nlg": "Natural Language Generation",
    "audio": "Audio",
    "multimodal": "Multimodal",
    "rl": "Reinforcement Learning",
}
TABLE_TITLES = {
    "cv/classification": "Image Classification",
    "cv/detection": "Object Detection",
    "cv/segmentation": "Image Segmentation",
    "cv/semantic_segmentation": "Semantic Segmentation",
    "cv/instance_segmentation": "Instance Segmentation",
    "cv/panoptic_segmentation": "Panoptic Segmentation",
    "cv/depth_estimation": "Depth Estimation",
    "cv/pose_estimation": "Pose Estimation",
    "cv/text_detection": "Text Detection",
    "cv/text_recognition": "Text Recognition",
    "cv/action_recognition": "Action Recognition",
    "cv/multilabel_classification": "Multi-Label Image Classification",
    "cv/retrieval": "Image Retrieval",
    "cv/rotated_detection": "Oriented Object Detection",
    "cv/tracking": "Multiple Object Tracking",
    "nlp/question_answering": "Question Answering",
    "nlp/text_classification": "Text Classification",
    "nlp/token_classification": "Token Classification",
    "nlp/sentiment_analysis": "Sentiment Analysis",
    "nlp/document_classification": "Document Classification",
    "nlp/multilabel_text_classification": "Multi-Label Text Classification",
    "nlp/masked_language_modeling": "Masked Language Modeling",
    "nlp/text_generation": "Text Generation",
    "nlp/text2text_generation": "Text-to-Text Generation",
    "nlp/summarization": "Summarization",
    "nlp/translation": "Translation",
    "nlp/zero_shot_classification": "Zero-Shot Classification",
    "nlp/sentence_similarity": "Sentence Similarity",
    "nlp/sentence_embedding": "Sentence Embedding",
    "nlp/feature_extraction": "Feature Extraction",
    "nlg/text_generation": "Text Generation",
    "audio/speech_recognition": "Speech Recognition",
    "audio/classification": "Audio Classification",
    "audio/text_to_speech": "Text to Speech",
    "multimodal/image_captioning": "Image Captioning",
}


def domain_title(config: CatalogConfig, domain: str) -> str:
    return config.name_for(domain, DOMAIN_TITLES.get(domain) or _readable(domain))


def table_title(config: CatalogConfig, domain: str, sub_domain: str) -> str:
    return config.name_for(sub_domain, TABLE_TITLES.get(f"{domain}/{sub_domain}") or _readable(sub_domain))


def _readable(key: str) -> str:
    """A key as words with a capital, as a title is written: speech_recognition -> Speech recognition."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]
