"""Overcomplete ICA (Lewicki & Sejnowski 1997) on toy 2-D data, with the SAE and dictionary-learning
baselines: the engine behind the "ICA vs SAEs" post. See docs/engines/ica.md."""
from .config import (ANGLES_3, ANGLES_4, EXPERIMENTS, DataConfig, ICAConfig, experiment, with_data)
from .data import init_columns, make_data, sample_sources, unit_columns
from .dictionary import DictConfig, dict_config, fit_dictionary
from .experiments import (resolve, run_dictionary, run_experiment, run_sae, selection_gaps, selection_study,
                          summary)
from .khot import khot_curve, khot_sources, map_reader, sae_reader, toy_reader
from .learning import delta_A, equalise_norms, learning_rates, score, train, update_terms
from .map_solvers import (MapResult, duality_gap, kkt_violation, map_exact, map_fista, map_pgd,
                          objective)
from .metrics import (angle_errors, cluster_columns, cluster_report, column_sources, cosines, dead_columns,
                      evaluate, match_columns, mmcs, norm_ratios)
from .selection import direction_sets, fitted_evidence, laplace_evidence
from .sae import SAEConfig, encode, fit_sae, sae_config, train_sae
from .run import IcaRun, Metrics, Pick
from . import showcase
from .showcase import IcaSpecimen, specimen

__all__ = [name for name in dir() if not name.startswith("_")]
