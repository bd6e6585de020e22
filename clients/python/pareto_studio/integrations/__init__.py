"""Trainer integrations. Each is imported on its own (``from pareto_studio.integrations.transformers
import ParetoStudioCallback``) and never required by the package: none of them
needs its framework installed to be imported."""
