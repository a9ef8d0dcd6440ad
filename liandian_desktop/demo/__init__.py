"""Demo data: a realistic, deterministic township to try the app, take screenshots and run benchmarks."""

from liandian_desktop.demo.township import DemoSummary, build_demo

__all__ = ["DemoSummary", "build_demo"]
