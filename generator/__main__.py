"""`python -m generator` runs the zoocat command."""

from .cli import main

main()
