"""Zuoye: smart homework (智慧作业) on paper, and the regional services around it."""

__version__ = "0.1.0"
