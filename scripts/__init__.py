"""Helpers of the load harnesses (bench/, resilience/), imported as ``scripts.…`` from the
repository root: processes (servers.py), HTTP (harness_http.py), the machine line
(machine.py) and the project modules they name (project.py)."""
