"""zoocat: a static catalog site generator for machine-learning model zoos."""

__version__ = "0.1.0"
