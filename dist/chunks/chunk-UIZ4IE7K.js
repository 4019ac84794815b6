import { createRequire as __ktstrCreateRequire } from 'node:module';
const require = __ktstrCreateRequire(import.meta.url);
import {
  UsageError
} from "./chunk-BDLG52F6.js";
import {
  ARTIFACT_DIR_PREFIX,
  DIMENSIONS,
  NONE,
  _enum,
  array,
  defaultPoolRoot,
  dimValue,
  isUsable,
  literal,
  number,
  object,
  readPool,
  record,
  strictObject,
  string,
  union,
  unknown,
  unpack
} from "./chunk-OOV2D7N5.js";
import {
  SEQUENTIAL_DEFAULTS,
  ZERO_MEAN_EPS,
  applySequential,
  describe,
  disjointBands,
  hedgesG,
  maxAbs,
  relChangeCI,
  safeMean,
  sequentialNotices,
  welch
} from "./chunk-AZBBSJAO.js";
import {
  jsonText
} from "./chunk-OKA3FBMG.js";

// src/core/registry-snapshot.json
var registry_snapshot_default = [
  {
    name: "worst_spread",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Worst per-cgroup CPU-time spread across workers"
  },
  {
    name: "worst_gap_ms",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "ms",
    description: "Longest scheduling gap observed (worst across cgroups)"
  },
  {
    name: "total_migrations",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "",
    description: "Total task migrations"
  },
  {
    name: "worst_migration_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Worst migrations-per-iteration ratio"
  },
  {
    name: "max_imbalance_ratio",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 1,
    default_rel: 0.25,
    display_unit: "x",
    description: "Peak per-CPU runqueue imbalance (max nr_running / max(1,min))"
  },
  {
    name: "avg_imbalance_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 0.5,
    default_rel: 0.25,
    display_unit: "x",
    description: "Mean per-tick runqueue imbalance ratio"
  },
  {
    name: "max_dsq_depth",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 10,
    default_rel: 0.5,
    display_unit: "",
    description: "Peak local-CPU dispatch queue depth"
  },
  {
    name: "avg_dsq_depth",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 5,
    default_rel: 0.5,
    display_unit: "",
    description: "Mean local-CPU dispatch queue depth"
  },
  {
    name: "stuck_count",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.5,
    display_unit: "",
    description: "Count of CPUs whose rq clock stopped advancing (stalls)"
  },
  {
    name: "total_fallback",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "",
    description: "select_cpu fallback event count"
  },
  {
    name: "total_keep_last",
    polarity: "LowerBetter",
    kind: "Counter",
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "",
    description: "dispatch keep-last event count"
  },
  {
    name: "total_run_delay",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.1,
    display_unit: "ns",
    description: "Sum of runqueue-wait delay across CPUs (rate component)"
  },
  {
    name: "total_pcount",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Count of non-idle task arrivals (rate component)"
  },
  {
    name: "total_sched_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Context-switch count"
  },
  {
    name: "total_yld_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "sched_yield call count"
  },
  {
    name: "total_sched_goidle",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Times a CPU went idle"
  },
  {
    name: "total_ttwu_count",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Total wakeups"
  },
  {
    name: "total_ttwu_local",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Wakeups kept on the waking CPU"
  },
  {
    name: "total_run_delay_ns_per_sched",
    polarity: "LowerBetter",
    kind: {
      Rate: {
        numerator: "total_run_delay",
        denominator: "total_pcount"
      }
    },
    default_abs: 1e3,
    default_rel: 0.15,
    display_unit: "ns",
    description: "Mean runqueue wait per schedule (derived ratio)"
  },
  {
    name: "ttwu_local_fraction",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_ttwu_local",
        denominator: "total_ttwu_count"
      }
    },
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Fraction of wakeups kept local (derived ratio)"
  },
  {
    name: "avg_nr_running",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 0.5,
    default_rel: 0.2,
    display_unit: "",
    description: "Mean per-CPU runqueue depth, all classes"
  },
  {
    name: "worst_p99_wake_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "P99"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99 wake latency over pooled samples"
  },
  {
    name: "worst_median_wake_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "Median"
      }
    },
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Median wake latency over pooled samples"
  },
  {
    name: "worst_wake_latency_cv",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "WakeLatencyNs",
        reduction: "Cv"
      }
    },
    default_abs: 0.1,
    default_rel: 0.25,
    display_unit: "",
    description: "Coefficient of variation of wake latency"
  },
  {
    name: "worst_p99_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "P99"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99 timer (cyclictest-style) latency"
  },
  {
    name: "worst_median_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "Median"
      }
    },
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Median timer latency"
  },
  {
    name: "worst_p999_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "P999"
      }
    },
    default_abs: 100,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "p99.9 timer latency"
  },
  {
    name: "worst_timer_latency_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "TimerLatencyNs",
        reduction: "Worst"
      }
    },
    default_abs: 200,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Maximum timer latency"
  },
  {
    name: "iteration_rate",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_phase_iterations",
        denominator: "total_phase_duration_sec"
      }
    },
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "iter/s",
    description: "Worker iterations per wall second (derived ratio)"
  },
  {
    name: "total_iterations",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Total worker iterations"
  },
  {
    name: "total_phase_iterations",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-phase iteration delta (iteration_rate numerator; render-suppressed)"
  },
  {
    name: "total_phase_duration_sec",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Per-phase wall seconds (iteration_rate denominator; render-suppressed)"
  },
  {
    name: "total_cpu_time_sec",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Pooled CPU seconds (iterations_per_cpu_sec denominator; render-suppressed)"
  },
  {
    name: "total_iterations_pooled",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "",
    description: "Pooled iterations over measured cgroups (iterations_per_cpu_sec numerator; render-suppressed)"
  },
  {
    name: "iterations_per_cpu_sec",
    polarity: "HigherBetter",
    kind: {
      Rate: {
        numerator: "total_iterations_pooled",
        denominator: "total_cpu_time_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "iter/cpu-s",
    description: "Pooled iterations per CPU second (derived ratio)"
  },
  {
    name: "system_time_ns",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "Kernel-mode CPU time per phase"
  },
  {
    name: "user_time_ns",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "User-mode CPU time per phase"
  },
  {
    name: "total_hardirqs",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "Hardirqs fired, summed over CPUs"
  },
  {
    name: "total_softirq_net_rx",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "NET_RX softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_net_tx",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "NET_TX softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_timer",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "TIMER softirqs, summed over CPUs"
  },
  {
    name: "total_softirq_sched",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "",
    description: "SCHED softirqs, summed over CPUs"
  },
  {
    name: "total_irq_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Time in hardirq, summed over CPUs"
  },
  {
    name: "total_softirq_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Time in softirq, summed over CPUs"
  },
  {
    name: "total_steal_time_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.5,
    display_unit: "ns",
    description: "Hypervisor steal time, summed over CPUs"
  },
  {
    name: "avg_irq_util",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 20,
    default_rel: 0.3,
    display_unit: "",
    description: "Mean PELT IRQ utilization across CPUs (0..1024)"
  },
  {
    name: "max_avg_irq_util",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 50,
    default_rel: 0.3,
    display_unit: "",
    description: "Worst-CPU PELT IRQ utilization"
  },
  {
    name: "hardirq_rate",
    polarity: "Informational",
    kind: {
      Rate: {
        numerator: "total_hardirqs",
        denominator: "total_phase_wall_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "irq/s",
    description: "Hardirqs per second of capture window"
  },
  {
    name: "net_rx_softirq_rate",
    polarity: "Informational",
    kind: {
      Rate: {
        numerator: "total_softirq_net_rx",
        denominator: "total_phase_wall_sec"
      }
    },
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "softirq/s",
    description: "NET_RX softirqs per second of capture window"
  },
  {
    name: "irq_time_fraction",
    polarity: "LowerBetter",
    kind: {
      Rate: {
        numerator: "total_irq_time_ns",
        denominator: "total_phase_wall_ns"
      }
    },
    default_abs: 0.02,
    default_rel: 0.3,
    display_unit: "",
    description: "Fraction of capture window spent in hardirq"
  },
  {
    name: "total_phase_wall_sec",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 0.1,
    default_rel: 0.3,
    display_unit: "s",
    description: "Capture-window seconds (hidden rate denominator)"
  },
  {
    name: "total_phase_wall_ns",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e6,
    default_rel: 0.3,
    display_unit: "ns",
    description: "Capture-window nanoseconds (hidden rate denominator)"
  },
  {
    name: "max_cpu_hardirqs",
    polarity: "Informational",
    kind: "Peak",
    default_abs: 500,
    default_rel: 0.5,
    display_unit: "",
    description: "Busiest CPU's hardirq delta"
  },
  {
    name: "max_cpu_hardirq_concentration",
    polarity: "LowerBetter",
    kind: "Peak",
    default_abs: 1,
    default_rel: 0.25,
    display_unit: "x",
    description: "Busiest CPU hardirqs / mean per-CPU hardirqs"
  },
  {
    name: "psi_irq_full_avg10",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Avg"
    },
    default_abs: 5,
    default_rel: 0.3,
    display_unit: "%",
    description: "System PSI irq full avg10"
  },
  {
    name: "total_irq_pressure_us",
    polarity: "Informational",
    kind: "Counter",
    default_abs: 1e3,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Cumulative PSI irq full stall time"
  },
  {
    name: "worst_mean_run_delay_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "RunDelayNs",
        reduction: "Mean"
      }
    },
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Mean per-worker run delay over pooled samples"
  },
  {
    name: "worst_run_delay_us",
    polarity: "LowerBetter",
    kind: {
      Distribution: {
        source: "RunDelayNs",
        reduction: "Worst"
      }
    },
    default_abs: 100,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Maximum per-worker run delay"
  },
  {
    name: "worst_wake_latency_tail_ratio",
    polarity: "LowerBetter",
    kind: "WakeLatencyTailRatio",
    default_abs: 0.5,
    default_rel: 0.25,
    display_unit: "x",
    description: "Worst cgroup p99/median wake-latency ratio"
  },
  {
    name: "worst_iterations_per_worker",
    polarity: "HigherBetter",
    kind: {
      WorstLowest: {
        numerator: "Iterations",
        denominator: "NumWorkers"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "",
    description: "Lowest cgroup iterations per worker"
  },
  {
    name: "worst_iterations_per_cpu_sec",
    polarity: "HigherBetter",
    kind: {
      WorstLowest: {
        numerator: "Iterations",
        denominator: "CpuTimeNs"
      }
    },
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "iter/cpu-s",
    description: "Lowest cgroup iterations per CPU second"
  },
  {
    name: "worst_page_locality",
    polarity: "HigherBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Worst NUMA page locality fraction"
  },
  {
    name: "worst_cross_node_migration_ratio",
    polarity: "LowerBetter",
    kind: {
      Gauge: "Last"
    },
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Worst cross-NUMA-node migration ratio"
  },
  {
    name: "wakeup_p50_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p50 latency (per phase)"
  },
  {
    name: "wakeup_p90_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p90 latency (per phase)"
  },
  {
    name: "wakeup_p99_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p99 latency (per phase)"
  },
  {
    name: "wakeup_p999_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup p99.9 latency (per phase)"
  },
  {
    name: "request_p50_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p50 latency (per phase)"
  },
  {
    name: "request_p90_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p90 latency (per phase)"
  },
  {
    name: "request_p99_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p99 latency (per phase)"
  },
  {
    name: "request_p999_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request p99.9 latency (per phase)"
  },
  {
    name: "sched_delay_msg_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench message-thread scheduling delay (per phase)"
  },
  {
    name: "sched_delay_worker_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench worker-thread scheduling delay (per phase)"
  },
  {
    name: "schbench_loop_count",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 10,
    default_rel: 0.3,
    display_unit: "",
    description: "schbench completed work cycles (per phase)"
  },
  {
    name: "taobench_total_qps",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench total qps (per phase)"
  },
  {
    name: "taobench_fast_qps",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench fast-path qps (per phase)"
  },
  {
    name: "taobench_slow_qps",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 1e3,
    default_rel: 0.1,
    display_unit: "ops/s",
    description: "taobench slow-path qps (per phase)"
  },
  {
    name: "taobench_hit_ratio",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 0.02,
    default_rel: 0.05,
    display_unit: "",
    description: "taobench cache hit ratio (per phase)"
  },
  {
    name: "taobench_hit_rate",
    polarity: "Informational",
    kind: "PerPhase",
    default_abs: 0.02,
    default_rel: 0.05,
    display_unit: "",
    description: "taobench cache hit rate (per phase)"
  },
  {
    name: "wakeup_min_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench wakeup min latency (per phase)"
  },
  {
    name: "wakeup_max_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "schbench wakeup max latency (per phase)"
  },
  {
    name: "request_min_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "schbench request min latency (per phase)"
  },
  {
    name: "request_max_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "schbench request max latency (per phase)"
  },
  {
    name: "rps_p20",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p20 (per phase)"
  },
  {
    name: "rps_p50",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p50 (per phase)"
  },
  {
    name: "rps_p90",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS p90 (per phase)"
  },
  {
    name: "rps_min",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS min (per phase)"
  },
  {
    name: "rps_max",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "req/s",
    description: "schbench achieved RPS max (per phase)"
  },
  {
    name: "p99_wake_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99 wake latency (per phase)"
  },
  {
    name: "median_wake_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup median wake latency (per phase)"
  },
  {
    name: "wake_latency_cv",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.1,
    default_rel: 0.25,
    display_unit: "",
    description: "Per-cgroup wake latency CV (per phase)"
  },
  {
    name: "p99_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99 timer latency (per phase)"
  },
  {
    name: "median_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 20,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup median timer latency (per phase)"
  },
  {
    name: "p999_timer_latency_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup p99.9 timer latency (per phase)"
  },
  {
    name: "mean_run_delay_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 50,
    default_rel: 0.25,
    display_unit: "\xB5s",
    description: "Per-cgroup mean run delay (per phase)"
  },
  {
    name: "max_run_delay_us",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 100,
    default_rel: 0.5,
    display_unit: "\xB5s",
    description: "Per-cgroup max run delay (per phase)"
  },
  {
    name: "avg_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup mean off-CPU percent (per phase)"
  },
  {
    name: "min_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup min off-CPU percent (per phase)"
  },
  {
    name: "max_off_cpu_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup max off-CPU percent (per phase)"
  },
  {
    name: "off_cpu_spread_pct",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 5,
    default_rel: 0.25,
    display_unit: "%",
    description: "Per-cgroup off-CPU spread (per phase)"
  },
  {
    name: "migration_ratio",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Per-cgroup migration ratio (per phase)"
  },
  {
    name: "iterations_per_worker",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 10,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-cgroup iterations per worker (per phase)"
  },
  {
    name: "page_locality",
    polarity: "HigherBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.1,
    display_unit: "",
    description: "Per-cgroup NUMA page locality (per phase)"
  },
  {
    name: "cross_node_migration_ratio",
    polarity: "LowerBetter",
    kind: "PerPhase",
    default_abs: 0.05,
    default_rel: 0.2,
    display_unit: "",
    description: "Per-cgroup cross-node migration ratio (per phase)"
  },
  {
    name: "total_cpu_time_ns",
    polarity: "HigherBetter",
    kind: "Counter",
    default_abs: 100,
    default_rel: 0.1,
    display_unit: "ns",
    description: "Per-cgroup on-CPU nanoseconds counter"
  }
];

// src/core/nearest.ts
function nearestValue(want, candidates) {
  const prefixed = candidates.filter((c) => c !== want && (c.startsWith(want) || want.startsWith(c))).sort((x, y) => Math.abs(x.length - want.length) - Math.abs(y.length - want.length) || (x < y ? -1 : 1));
  if (prefixed.length > 0) return prefixed[0];
  return closest(want, candidates, editDistance);
}
function nearestSubstring(want, candidates) {
  return closest(want, candidates, substringDistance);
}
function closest(want, candidates, dist) {
  const limit = Math.max(2, Math.floor(want.length / 3));
  let best = null;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = dist(want, c);
    if (d < bestD || d === bestD && best !== null && c < best) [best, bestD] = [c, d];
  }
  return bestD <= limit ? best : null;
}
function editDistance(a, b) {
  return distanceRows(a, b, false);
}
function substringDistance(q, text) {
  return distanceRows(q, text, true);
}
function distanceRows(q, t, anyStart) {
  let prev = Array.from({ length: t.length + 1 }, (_, j) => anyStart ? 0 : j);
  for (let i = 1; i <= q.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (q[i - 1] === t[j - 1] ? 0 : 1));
    prev = row;
  }
  return anyStart ? Math.min(...prev) : prev[t.length];
}

// src/core/registry.ts
var RENDER_SUPPRESSED = /* @__PURE__ */ new Set([
  "total_phase_iterations",
  "total_phase_duration_sec",
  "total_iterations_pooled",
  "total_cpu_time_sec"
]);
var polaritySchema = union([
  _enum(["LowerBetter", "HigherBetter", "Informational", "Unknown"]),
  object({ TargetValue: number() })
]);
var pair = object({ numerator: string(), denominator: string() });
var knownKindSchema = union([
  _enum(["Counter", "Peak", "Timestamp", "DeltaSum", "PerPhase", "WakeLatencyTailRatio"]),
  strictObject({ Gauge: _enum(["Avg", "Last", "Max"]) }),
  strictObject({ Rate: pair }),
  strictObject({ Distribution: object({ source: string(), reduction: string() }) }),
  strictObject({ WorstLowest: pair })
]);
var kindSchema = union([
  knownKindSchema,
  string().min(1),
  record(string(), unknown()).refine((o) => Object.keys(o).length === 1, "expected a kind name or an object with one key")
]);
var metricSchema = object({
  name: string().min(1),
  polarity: polaritySchema,
  kind: kindSchema,
  default_abs: number().nonnegative(),
  default_rel: number().nonnegative(),
  display_unit: string(),
  description: string().optional()
});
var registrySchema = array(metricSchema).min(1);
function buildRegistry(json, source, detail) {
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `$[${issue.path.join("][")}]` : "$";
    throw new UsageError(
      `metric registry from ${detail} is malformed at ${where}: ${issue?.message ?? "invalid"}`,
      "run `npm run registry:update` with a working `cargo ktstr`, or remove it from PATH to use the bundled registry"
    );
  }
  const metrics = parsed.data;
  const byName = /* @__PURE__ */ new Map();
  for (const m of metrics) byName.set(m.name, m);
  const canonical = JSON.stringify(
    metrics.map((m) => [m.name, m.polarity, m.kind, m.default_abs, m.default_rel, m.display_unit])
  );
  return { metrics, byName, source, detail, hash: fnv1a(canonical) };
}
var bundled;
function bundledRegistry() {
  bundled ??= buildRegistry(registry_snapshot_default, "bundled", "bundled snapshot of ktstr METRICS (105 metrics)");
  return bundled;
}
function metricDescription(m) {
  return m.description ?? bundledRegistry().byName.get(m.name)?.description ?? "";
}
function polarityLabel(p) {
  if (typeof p === "object") return "target";
  switch (p) {
    case "LowerBetter":
      return "lower";
    case "HigherBetter":
      return "higher";
    case "Informational":
      return "informational";
    default:
      return "unknown";
  }
}
function worseSign(p) {
  if (p === "HigherBetter") return -1;
  if (p === "Informational") return 0;
  return 1;
}
var KNOWN_KIND = /* @__PURE__ */ new WeakMap();
function kindKnown(m) {
  let known = KNOWN_KIND.get(m);
  if (known === void 0) {
    known = knownKindSchema.safeParse(m.kind).success;
    KNOWN_KIND.set(m, known);
  }
  return known;
}
function isRenderSuppressed(m) {
  return RENDER_SUPPRESSED.has(m.name);
}
function isPerPhaseOnly(m) {
  return m.kind === "PerPhase";
}
function isWholeRunDistribution(m) {
  return typeof m.kind === "object" && "Distribution" in m.kind;
}
function rateComponents(m) {
  return typeof m.kind === "object" && "Rate" in m.kind ? m.kind.Rate : void 0;
}
function gatesAggregate(m, noiseAdjusted) {
  if (isRenderSuppressed(m) || isPerPhaseOnly(m)) return false;
  if (isWholeRunDistribution(m)) return noiseAdjusted;
  return true;
}
function kindLabel(k) {
  if (typeof k === "string") return k;
  if ("Gauge" in k) return `Gauge(${k.Gauge})`;
  if ("Rate" in k) return `Rate(${k.Rate.numerator}/${k.Rate.denominator})`;
  if ("Distribution" in k) return `Distribution(${k.Distribution.source},${k.Distribution.reduction})`;
  if ("WorstLowest" in k) return `WorstLowest(${k.WorstLowest.numerator}/${k.WorstLowest.denominator})`;
  const [name, body] = Object.entries(k)[0] ?? ["?", null];
  return `${name}(${typeof body === "string" ? body : JSON.stringify(body)})`;
}
function parseMustFail(raw, registry, noiseAdjusted) {
  if (raw === void 0) return [];
  const names = raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  for (const name of names) {
    const q = JSON.stringify(name);
    const m = registry.byName.get(name);
    if (!m) {
      const near = nearestValue(name, [...registry.byName.keys()]);
      throw new UsageError(
        `--must-fail: unknown metric ${q}${near ? `; did you mean ${JSON.stringify(near)}?` : ""} (see \`cargo ktstr stats list-metrics\`)`
      );
    }
    if (isRenderSuppressed(m))
      throw new UsageError(
        `--must-fail: ${q} is an internal rate COMPONENT that never surfaces as a regression \u2014 gate on its user-facing rate metric instead`
      );
    if (!kindKnown(m))
      throw new UsageError(
        `--must-fail: ${q} has a metric kind this ktstr-perf-gate does not know (${kindLabel(m.kind)}), so it is shown as informational and can never fail \u2014 update ktstr-perf-gate, or gate on another metric`
      );
    if (!gatesAggregate(m, noiseAdjusted)) {
      const hint = isPerPhaseOnly(m) ? " \u2014 it is a per-phase-only metric that never produces an aggregate regression; assert it per-phase in the test's Verdict DSL instead" : " \u2014 it only reports per-run; add --noise-adjust to gate on it";
      throw new UsageError(`--must-fail: ${q} never reaches the aggregate comparison${hint}`);
    }
    if (!noiseAdjusted && m.polarity === "Informational")
      throw new UsageError(
        `--must-fail: ${q} is an informational metric with no regression direction \u2014 it can never fail the default comparison. Add --noise-adjust (a per-test direction override can then make it gate), or gate on a directional metric`
      );
  }
  return names;
}
var policySchema = strictObject({
  default_percent: number().nullable().optional(),
  per_metric_percent: record(string(), number()).optional()
});
function validatePolicy(json, registry, where) {
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length ? ` at $.${issue.path.join(".")}` : "";
    throw new UsageError(
      `parse comparison policy from ${where}${at}: ${issue?.message ?? "invalid"}`,
      'expected {"default_percent": <number|null>, "per_metric_percent": {"<metric>": <number>}}'
    );
  }
  const p = parsed.data;
  if (p.default_percent != null && p.default_percent < 0)
    throw new UsageError(
      `validate comparison policy from ${where}: ComparisonPolicy: default_percent must be non-negative; got ${p.default_percent}`
    );
  for (const [name, pct] of Object.entries(p.per_metric_percent ?? {})) {
    if (!registry.byName.has(name)) {
      const near = nearestValue(name, [...registry.byName.keys()]);
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent contains unknown metric \`${name}\`${near ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
        "see `ktstr-perf-gate list-metrics` for the registered names"
      );
    }
    if (pct < 0)
      throw new UsageError(
        `validate comparison policy from ${where}: ComparisonPolicy: per_metric_percent[${JSON.stringify(name)}] must be non-negative; got ${pct}`
      );
  }
  return p;
}
function uniformPolicy(pct) {
  if (!Number.isFinite(pct) || pct < 0)
    throw new UsageError(`--threshold must be a non-negative percent; got ${pct}`);
  return { default_percent: pct };
}
function relThreshold(m, policy) {
  const perMetric = policy?.per_metric_percent;
  if (perMetric && Object.hasOwn(perMetric, m.name)) return perMetric[m.name] / 100;
  if (policy?.default_percent != null) return policy.default_percent / 100;
  return m.default_rel;
}
function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

// src/ktstr/policy.ts
import { readFile } from "node:fs/promises";
async function loadPolicy(threshold, policyFile, registry) {
  if (threshold !== void 0 && policyFile !== void 0)
    throw new UsageError("--threshold and --policy are mutually exclusive", "give one of them");
  if (threshold !== void 0) {
    const pct = Number(threshold);
    if (threshold.trim() === "" || !Number.isFinite(pct))
      throw new UsageError(
        `--threshold ${JSON.stringify(threshold)}: not a number`,
        "give a percent, e.g. --threshold 10"
      );
    return uniformPolicy(pct);
  }
  if (policyFile === void 0) return void 0;
  let text;
  try {
    text = await readFile(policyFile, "utf8");
  } catch (e) {
    throw new UsageError(
      `read comparison policy from ${policyFile}: ${e.code ?? e.message}`,
      "check the path"
    );
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `parse comparison policy from ${policyFile}: ${e.message}`,
      "the file must be JSON"
    );
  }
  return validatePolicy(json, registry, policyFile);
}
async function loadAcceptFile(file, registry, shownAs = file) {
  if (file === void 0 || file === "") return null;
  const where = shownAs ?? file;
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `read accept file ${where}: ${e.code ?? e.message}`,
      "check the path"
    );
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`parse accept file ${where}: ${e.message}`, "the file must be JSON");
  }
  return validateAcceptList(json, registry, where);
}
var acceptSchema = strictObject({
  accept: array(
    strictObject({
      test: string().min(1),
      metric: string().min(1),
      max_percent: number().nonnegative(),
      reason: string().max(2e3).optional()
    })
  )
});
function validateAcceptList(json, registry, where) {
  const parsed = acceptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue && issue.path.length ? ` at $.${issue.path.join(".")}` : "";
    throw new UsageError(
      `parse accept file ${where}${at}: ${issue?.message ?? "invalid"}`,
      'expected {"accept": [{"test": "<test or test/topology/work_type>", "metric": "<metric>", "max_percent": <number \u2265 0>, "reason": "<optional>"}]}'
    );
  }
  const entries = parsed.data.accept.map((e, i) => {
    if (!registry.byName.has(e.metric)) {
      const near = nearestValue(e.metric, [...registry.byName.keys()]);
      throw new UsageError(
        `accept file ${where}: accept[${i}].metric ${JSON.stringify(e.metric)} is not a registered metric`,
        near ? `did you mean ${near}?` : "see `ktstr-perf-gate list-metrics` for the registered names"
      );
    }
    return { test: e.test, metric: e.metric, maxPercent: e.max_percent, reason: e.reason ?? null };
  });
  return { source: where, entries };
}

// src/core/fold.ts
function runValues(def, name, runs, phase = null) {
  const samples = [];
  const weights = [];
  const rate = def && phase === null ? rateComponents(def) : void 0;
  let num = rate ? [] : null;
  let den = rate ? [] : null;
  for (const run2 of runs) {
    const vals = phase === null ? run2.values : run2.phases.find((p) => p.stepIndex === phase)?.metrics;
    if (!vals) continue;
    let v = own(vals, name);
    if (rate) {
      const n = own(vals, rate.numerator);
      const d = own(vals, rate.denominator);
      const haveParts = n !== void 0 && d !== void 0;
      if (v === void 0 && haveParts && d !== 0) v = n / d;
      if (v === void 0) continue;
      if (haveParts && num && den) {
        num.push(n);
        den.push(d);
      } else {
        num = den = null;
      }
    }
    if (v === void 0) continue;
    samples.push(v);
    weights.push(run2.weight);
  }
  return { samples, weights, components: num && den ? { num, den } : null };
}
function own(vals, name) {
  const v = Object.hasOwn(vals, name) ? vals[name] : void 0;
  return typeof v === "number" ? v : void 0;
}
function foldKtstr(def, rv) {
  const xs = rv.samples;
  if (xs.length === 0) return void 0;
  const kind = def?.kind;
  if (kind === "Counter" || kind === "DeltaSum") return sum(xs);
  if (kind === "Peak") return Math.max(...xs);
  if (kind === "Timestamp") return xs[xs.length - 1];
  if (typeof kind === "object") {
    if ("Gauge" in kind) {
      if (kind.Gauge === "Last") return xs[xs.length - 1];
      if (kind.Gauge === "Max") return Math.max(...xs);
      return weightedMean(xs, rv.weights);
    }
    if ("Rate" in kind) return pooledRate(rv);
    if ("Distribution" in kind && kind.Distribution.reduction === "Worst") return Math.max(...xs);
  }
  return mean(xs);
}
function centre(def, rv) {
  const xs = rv.samples;
  if (xs.length === 0) return void 0;
  const kind = def?.kind;
  if (typeof kind === "object") {
    if ("Rate" in kind) return pooledRate(rv);
    if ("Gauge" in kind && kind.Gauge === "Avg") return weightedMean(xs, rv.weights);
  }
  return mean(xs);
}
function pooledRate(rv) {
  if (rv.samples.length === 1) return rv.samples[0];
  const c = rv.components;
  if (c) {
    const q = ratioOfSums(c.num, c.den);
    if (q !== void 0) return q;
  }
  return mean(rv.samples);
}
function ratioOfSums(num, den) {
  let sn = sum(num);
  let sd = sum(den);
  let unit = 1;
  if (!Number.isFinite(sn) || !Number.isFinite(sd)) {
    const un = maxAbs(num);
    const ud = maxAbs(den);
    sn = scaledSum(num, un);
    sd = scaledSum(den, ud);
    unit = un / ud;
  }
  if (sd === 0) return void 0;
  const q = sn / sd * unit;
  return Number.isFinite(q) ? q : void 0;
}
function weightedMean(xs, ws) {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    sw += ws[i];
    s += xs[i] * ws[i];
  }
  if (!(sw > 0)) return mean(xs);
  if (Number.isFinite(s)) return s / sw;
  const u = maxAbs(xs);
  let t = 0;
  for (let i = 0; i < xs.length; i++) t += xs[i] / u * (ws[i] / sw);
  return t * u;
}
function mean(xs) {
  const s = sum(xs);
  return Number.isFinite(s) ? s / xs.length : safeMean(xs);
}
function scaledSum(xs, unit) {
  if (!(unit > 0)) return sum(xs);
  let s = 0;
  for (const x of xs) s += x / unit;
  return s;
}
function sum(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// src/core/gate.ts
function judge(def, a, b, g, ctx = { noise: a.samples.length >= 2 && b.samples.length >= 2 }) {
  const base = sideStats(def, a);
  const head = sideStats(def, b);
  if (!base && !head) return null;
  const mode = ctx.noise ? "noise-adjusted" : "scalar";
  if (!base || !head) return unjudged(mode, base, head, g);
  if (Math.abs(base.value) < ZERO_MEAN_EPS && Math.abs(head.value) < ZERO_MEAN_EPS) {
    if (ctx.skipped) ctx.skipped.bothZero++;
    return null;
  }
  const delta = head.value - base.value;
  const relDelta = relativeDelta(base.value, head.value);
  const rel = relDelta !== null ? Math.abs(relDelta) : relChange(base.value, delta);
  const absCleared = Math.abs(delta) >= g.abs;
  const relCleared = rel >= g.rel;
  const material = absCleared && relCleared;
  const j = {
    verdict: "unchanged",
    mode,
    base,
    head,
    delta: Number.isFinite(delta) ? delta : null,
    relDelta,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material,
    gate: { abs: g.abs, rel: g.rel, absCleared, relCleared },
    ci95: null,
    effectSize: null
  };
  if (!ctx.noise) {
    j.verdict = classify(material, true, delta, g.worse);
    return j;
  }
  if (base.n < 2 || head.n < 2) {
    j.verdict = "noisy";
    return j;
  }
  const da = described(base);
  const db = described(head);
  const pValue = welch(da, db)?.p ?? null;
  const disjoint = disjointBands(da, db);
  const separated = pValue !== null && pValue < g.alpha || disjoint;
  j.verdict = classify(material, separated, delta, g.worse);
  j.pValue = pValue;
  j.separated = separated;
  j.disjoint = disjoint;
  j.ci95 = relChangeCI(da, db, 0.95, { a: base.value, b: head.value });
  j.effectSize = hedgesG(da, db);
  return j;
}
function relativeDelta(a, b) {
  const absA = Math.abs(a);
  if (!(absA > ZERO_MEAN_EPS)) return null;
  const d = b - a;
  return Number.isFinite(d) ? d / absA : b / absA - a / absA;
}
function relChange(base, delta) {
  if (Math.abs(base) > ZERO_MEAN_EPS) return Math.abs(delta / base);
  return Math.abs(delta) > ZERO_MEAN_EPS ? Infinity : 0;
}
function unjudged(mode, base, head, g) {
  return {
    verdict: "coverage",
    mode,
    base,
    head,
    delta: null,
    relDelta: null,
    pValue: null,
    pAdjusted: null,
    separated: null,
    disjoint: null,
    material: false,
    gate: { abs: g.abs, rel: g.rel, absCleared: false, relCleared: false },
    ci95: null,
    effectSize: null
  };
}
function classify(material, separated, delta, worse) {
  if (!material || !separated || delta === 0) return "unchanged";
  if (worse === 0) return "informational";
  return delta * worse > 0 ? "regression" : "improvement";
}
function benjaminiHochberg(ps) {
  const m = ps.length;
  const order = ps.map((p, i) => [p, i]).sort((x, y) => x[0] - y[0]);
  const adj = new Array(m);
  let min = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k];
    min = Math.min(min, p * m / (k + 1));
    adj[i] = min;
  }
  return adj;
}
function sideStats(def, rv) {
  const value = centre(def, rv);
  if (value === void 0) return null;
  const d = describe(rv.samples);
  return {
    n: d.n,
    mean: d.mean,
    min: d.min,
    max: d.max,
    stdev: d.stdev,
    value,
    // A Counter's sum across runs can exceed the double range; the fold is display only.
    fold: finiteOr(foldKtstr(def, rv), value),
    // An exact-size copy: a pushed array keeps spare capacity, and a report holds two per row.
    samples: rv.samples.slice()
  };
}
function finiteOr(x, fallback) {
  return x !== void 0 && Number.isFinite(x) ? x : fallback;
}
function described(s) {
  return { n: s.n, mean: s.mean, min: s.min, max: s.max, variance: s.stdev * s.stdev, stdev: s.stdev };
}
function decide(rows, assertions, gate, sides) {
  if (sides.headSidecars === 0)
    return { verdict: "no-data", reasons: [`no sidecars for HEAD ${sides.headLabel} \u2014 nothing was measured`] };
  if (sides.baseSidecars === 0)
    return {
      verdict: "no-baseline",
      reasons: [`no baseline sidecars for ${sides.baseLabel} \u2014 nothing to compare against; the gate passes`]
    };
  const reasons = [];
  const regressions = rows.filter((r) => r.verdict === "regression");
  const n = regressions.length;
  const plural = (k) => `${k} regression${k === 1 ? "" : "s"}`;
  if (gate.failThreshold > 0 && n >= gate.failThreshold)
    reasons.push(`${plural(n)} \u2265 fail-threshold ${gate.failThreshold}`);
  const mustFail = new Set(gate.mustFail);
  const hitMust = [...new Set(regressions.filter((r) => mustFail.has(r.metric)).map((r) => r.metric))];
  for (const m of hitMust) {
    const where = regressions.filter((r) => r.metric === m).map((r) => r.key);
    reasons.push(`must-fail metric ${m} regressed (${where.join(", ")})`);
  }
  for (const a of assertions.filter((x) => x.tripped))
    reasons.push(
      `assertion ${a.name ?? a.metric} tripped on ${a.key}${a.phase !== null ? ` (phase ${a.phase})` : ""}`
    );
  if (reasons.length > 0) return { verdict: "fail", reasons };
  if (n === 0) reasons.push("no regressions");
  else if (gate.failThreshold === 0) reasons.push(`${plural(n)}; fail-threshold 0 never fails on the count`);
  else reasons.push(`${plural(n)} < fail-threshold ${gate.failThreshold}`);
  return { verdict: "pass", reasons };
}
function judgeRuns(def, name, a, b, g, phase = null, ctx) {
  return judge(def, runValues(def, name, a, phase), runValues(def, name, b, phase), g, ctx);
}
function applyFdr(rows, q, registry) {
  const tested = rows.filter((r) => r.mode === "noise-adjusted" && r.verdict !== "coverage");
  const withP = tested.filter((r) => r.pValue !== null);
  const adj = benjaminiHochberg(withP.map((r) => r.pValue));
  withP.forEach((r, i) => r.pAdjusted = adj[i]);
  for (const r of tested) {
    r.separated = r.pAdjusted !== null ? r.pAdjusted < q : !!r.disjoint;
    const def = registry.byName.get(r.metric);
    const worse = def && r.polarity !== "unknown" && kindKnown(def) ? worseSign(def.polarity) : 0;
    const delta = r.delta ?? (r.base && r.head ? r.head.value - r.base.value : 0);
    r.verdict = classify(r.material, r.separated, delta, worse);
  }
}
function judgeAssertions(key, a, b, registry, alpha, ctx = { noise: a.length >= 2 && b.length >= 2 }) {
  const declaring = b[0];
  if (!declaring) return [];
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const decl of declaring.assertions) {
    const id = `${decl.metric}\0${decl.phase}\0${decl.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(judgeAssertion(key, declaring.testName, decl, a, b, registry, alpha, ctx));
  }
  return out;
}
function judgeAssertion(key, test, decl, a, b, registry, alpha, ctx) {
  const def = registry.byName.get(decl.metric);
  const direction = decl.direction !== null && typeof decl.direction !== "object" ? decl.direction : null;
  const polarity = direction ?? def?.polarity ?? "Informational";
  const pct = gateValue(decl.maxRegressionPct);
  const res = {
    key,
    test,
    metric: decl.metric,
    name: decl.name,
    phase: decl.phase,
    rel: pct !== null ? pct / 100 : def?.default_rel ?? 0,
    abs: gateValue(decl.minAbs) ?? def?.default_abs ?? 0,
    direction: polarityLabel(polarity),
    tripped: false,
    skipped: null,
    delta: null,
    relDelta: null,
    pValue: null,
    separated: null
  };
  if (!def) res.skipped = `metric ${decl.metric} is not in the registry`;
  else if (!kindKnown(def))
    res.skipped = `metric ${decl.metric} has a kind this ktstr-perf-gate does not know (${kindLabel(def.kind)}); update ktstr-perf-gate`;
  else if (!ctx.noise || a.length < 2 || b.length < 2)
    res.skipped = "needs \u2265 2 runs per side (PerfDeltaAssertion gates only noise-adjusted comparisons)";
  else {
    const gate = { abs: res.abs, rel: res.rel, worse: worseSign(polarity), alpha };
    const j = judgeRuns(def, decl.metric, a, b, gate, decl.phase, { noise: true });
    if (!j || j.verdict === "coverage") res.skipped = "the metric is missing on a side";
    else if (j.verdict === "noisy") res.skipped = "the metric has fewer than 2 values on a side";
    else {
      res.delta = j.delta;
      res.relDelta = j.relDelta;
      res.pValue = j.pValue;
      res.separated = j.separated;
      res.tripped = j.verdict === "regression";
    }
  }
  return res;
}
function gateValue(v) {
  return v !== null && Number.isFinite(v) && v >= 0 ? v : null;
}
function redecide(c, rows) {
  return decide(
    rows,
    c.assertions,
    { failThreshold: c.options.failThreshold, mustFail: c.options.mustFail },
    {
      baseSidecars: c.baseline.sidecars,
      headSidecars: c.head.sidecars,
      baseLabel: c.baseline.label,
      headLabel: c.head.label
    }
  );
}

// src/core/waiver.ts
var WRITE = ["admin", "maintain", "write"];
function labelStatus(f) {
  const last = f.last;
  if (!last || last.event !== "labeled") return { state: "absent" };
  const by = last.actor;
  if (!f.permission || !WRITE.includes(f.permission))
    return {
      state: "denied",
      by,
      why: `label ${f.label} was applied by @${by}, who has ${f.permission ?? "unknown"} permission on this repository; only write, maintain or admin can accept a regression`
    };
  if (f.trigger && f.trigger.sender === by && f.trigger.headSha === f.headSha)
    return { state: "accepted", by, eventId: last.id, how: "trigger" };
  const r = f.record;
  const recordFits = r !== null && r.label === f.label && r.eventId === last.id && r.by === by;
  if (recordFits && r.sha === f.headSha) return { state: "accepted", by, eventId: last.id, how: "record" };
  const appliedTo = recordFits ? r.sha : null;
  return {
    state: "stale",
    by,
    appliedTo,
    why: `label ${f.label} (applied by @${by}) was applied to ${appliedTo ? appliedTo.slice(0, 7) : "an earlier head"}, not to HEAD ${f.headSha.slice(0, 7)}: it holds only for the head it was applied to \u2014 remove it and apply it again to accept this head`
  };
}
function entryMatches(e, r) {
  return e.metric === r.metric && (e.test === r.test || e.test === r.key);
}
function acceptedByList(rows, list) {
  const accepted = [];
  const beyond = [];
  for (const r of rows) {
    if (r.verdict !== "regression") continue;
    const named = list.entries.filter((e) => entryMatches(e, r));
    if (named.length === 0) continue;
    const pct = r.relDelta !== null ? Math.abs(r.relDelta) * 100 : Infinity;
    const bound = Math.max(...named.map((e) => e.maxPercent));
    if (pct <= bound) accepted.push(r);
    else
      beyond.push(
        `${r.key} ${r.metric} regressed ${Number.isFinite(pct) ? `${pct.toFixed(1)} %` : "from a zero baseline"}, beyond the ${bound} % its accept entry in ${list.source} allows: not accepted`
      );
  }
  return { accepted, beyond };
}
function applyWaivers(c, w) {
  if (c.verdict !== "pass" && c.verdict !== "fail") return c;
  const out = {
    ...c,
    reasons: [...c.reasons],
    notices: [...c.notices],
    waivers: [...c.waivers ?? []]
  };
  const key = (r) => `${r.key}\0${r.metric}`;
  let waived = /* @__PURE__ */ new Set();
  if (w.accept && w.accept.entries.length > 0) {
    const { accepted, beyond } = acceptedByList(c.rows, w.accept);
    out.notices.push(...beyond);
    if (accepted.length > 0) {
      waived = new Set(accepted.map(key));
      const d = redecide(
        c,
        c.rows.filter((r) => !waived.has(key(r)))
      );
      out.verdict = d.verdict;
      out.reasons = [
        // What decide() says of the rows left counted: never "no regressions" beside accepted ones.
        ...d.reasons.map((r) => r === "no regressions" ? "no other regressions" : r),
        `${accepted.length} regression${accepted.length === 1 ? "" : "s"} accepted by the accept entries in ${w.accept.source} (not counted)`
      ];
      out.waivers.push({
        via: "policy",
        by: null,
        source: w.accept.source,
        headSha: null,
        rows: accepted.map((r) => ({ key: r.key, metric: r.metric }))
      });
    }
  }
  const label = w.label;
  if (out.verdict === "fail" && label) {
    const s = label.status;
    if (s.state === "accepted") {
      const rows = c.rows.filter((r) => r.verdict === "regression" && !waived.has(key(r)));
      const tripped = c.assertions.filter((a) => a.tripped);
      const waiver = {
        via: "label",
        by: s.by,
        source: label.name,
        headSha: label.headSha,
        rows: rows.map((r) => ({ key: r.key, metric: r.metric }))
      };
      if (tripped.length > 0)
        waiver.assertions = tripped.map((a) => ({ key: a.key, metric: a.metric, name: a.name }));
      out.waivers.push(waiver);
      out.reasons = [
        `failure accepted by @${s.by} (label ${label.name}) for head ${label.headSha.slice(0, 7)}`,
        ...out.reasons.map((r) => `accepted: ${r}`)
      ];
      out.verdict = "pass";
    } else if (s.state === "stale" || s.state === "denied") out.notices.push(`${s.why}; the gate fails`);
  }
  if (out.waivers.length === 0) delete out.waivers;
  return out;
}
function acceptedByLabel(c) {
  return (c.waivers ?? []).some((w) => w.via === "label");
}
function refuteLabelWaiver(c, why) {
  if (!acceptedByLabel(c)) return c;
  const waivers = (c.waivers ?? []).filter((w) => w.via !== "label");
  const reasons = c.reasons.filter((r) => !r.startsWith("failure accepted by @")).map((r) => r.replace(/^accepted: /, ""));
  const out = { ...c, verdict: "fail", reasons: [why, ...reasons] };
  if (waivers.length > 0) out.waivers = waivers;
  else delete out.waivers;
  return out;
}

// src/ktstr/registry-live.ts
import { constants } from "node:fs";
import { access, readFile as readFile2 } from "node:fs/promises";
import path from "node:path";
async function loadRegistry(choice, env) {
  if (choice === "bundled") return { registry: bundledRegistry(), warning: null };
  if (choice !== "auto" && choice !== "live") {
    let json;
    try {
      json = JSON.parse(await readFile2(choice, "utf8"));
    } catch (e) {
      throw new UsageError(
        `--registry ${choice}: cannot read list-metrics JSON (${e.message})`,
        "save one with `cargo ktstr stats list-metrics --json > FILE`, or use --registry bundled"
      );
    }
    return { registry: buildRegistry(json, "live", `list-metrics JSON from ${choice}`), warning: null };
  }
  const exe = await findOnPath("cargo-ktstr", env);
  if (!exe) {
    if (choice === "live") {
      throw new UsageError(
        "--registry live: no cargo-ktstr on PATH",
        "install ktstr (cargo install ktstr) or use --registry bundled"
      );
    }
    return { registry: bundledRegistry(), warning: null };
  }
  try {
    const out = await run(exe, ["ktstr", "stats", "list-metrics", "--json"], env);
    return {
      registry: buildRegistry(JSON.parse(out), "live", `cargo ktstr stats list-metrics (${exe})`),
      warning: null
    };
  } catch (e) {
    if (choice === "live") throw e;
    return {
      registry: bundledRegistry(),
      warning: `cargo-ktstr at ${exe} did not give a usable registry (${oneLine(e)}); using the bundled snapshot`
    };
  }
}
async function findOnPath(name, env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
    }
  }
  return null;
}
async function run(exe, args, env) {
  const { execFile } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    execFile(exe, args, { env, timeout: 3e4, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim().split("\n").pop() || err.message));
      else resolve(stdout);
    });
  });
}
function oneLine(e) {
  return String(e.message ?? e).split("\n")[0].slice(0, 300);
}

// src/git/baseline.ts
async function resolveBaseline(opts) {
  const { simpleGit } = await import("./dist-SMIBZL3N.js");
  const git = simpleGit({ baseDir: opts.cwd });
  await assertRepo(git, opts.cwd);
  const headSha = await revParse(git, "HEAD", "HEAD", "make a first commit");
  const dirty = await isDirty(git);
  const head = { ...labelOf(headSha, dirty), dirty };
  const remote = opts.remote ?? "origin";
  const ghBase = opts.env?.GITHUB_BASE_REF?.trim();
  let base;
  let how;
  if (opts.base) {
    base = labelOf(
      await revParse(
        git,
        opts.base,
        `--base ${opts.base}`,
        "give a commit that exists in this clone (git fetch it first)"
      ),
      false
    );
    how = `explicit --base ${opts.base}`;
  } else {
    const [named, source] = opts.baseRef ? [opts.baseRef, "--base-ref"] : ghBase ? [`${remote}/${ghBase}`, "GITHUB_BASE_REF"] : [opts.defaultBranch || "main", "--default-branch"];
    const ref = source === "--default-branch" ? await branchOrRemote(git, named, remote, !!opts.deepen) : named;
    base = labelOf(await mergeBase(git, ref, source, !!opts.deepen, remote), false);
    how = `merge-base(HEAD, ${ref})`;
  }
  if (base.label === head.label)
    throw new UsageError(
      `baseline (${base.label}) resolves to HEAD \u2014 nothing to compare; choose a different --base / --base-ref`
    );
  return { base, head, how };
}
async function isDirty(git) {
  const out = await git.raw(["status", "--porcelain", "--untracked-files=no"]);
  return out.trim().length > 0;
}
function labelOf(sha2, dirty) {
  const short2 = sha2.slice(0, 7).toLowerCase();
  return { sha: sha2, short: short2, label: dirty ? `${short2}-dirty` : short2 };
}
async function assertRepo(git, cwd) {
  const inside = await git.raw(["rev-parse", "--is-inside-work-tree"]).catch(() => "");
  if (inside.trim() !== "true")
    throw new UsageError(
      `${cwd} is not inside a git work tree, so the baseline cannot be resolved`,
      "run from the project checkout, or name both sides with --a-project-commit and --b-project-commit"
    );
}
async function revParse(git, rev, what, fix) {
  try {
    return (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim() || fail();
  } catch {
    throw new UsageError(`${what}: ${JSON.stringify(rev)} is not a commit in this repository`, fix);
  }
  function fail() {
    throw new Error("empty rev-parse");
  }
}
async function branchOrRemote(git, branch, remote, deepen) {
  if (await commitExists(git, branch)) return branch;
  const tracking = `${remote}/${branch}`;
  if (await commitExists(git, tracking)) return tracking;
  if (!deepen) return branch;
  await tryFetch(git, ["--depth=50", remote, `+refs/heads/${branch}:refs/remotes/${tracking}`]);
  return await commitExists(git, tracking) ? tracking : branch;
}
async function commitExists(git, rev) {
  return (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).catch(() => "")).trim() !== "";
}
async function mergeBase(git, ref, source, deepen, remote) {
  const shallow = async () => (await git.raw(["rev-parse", "--is-shallow-repository"])).trim() === "true";
  const exists = () => commitExists(git, ref);
  const fetchHint = source === "GITHUB_BASE_REF" ? `fetch it (git fetch ${remote} ${ref.slice(remote.length + 1)}), or use actions/checkout with fetch-depth: 0` : source === "--default-branch" ? `neither ${ref} nor ${remote}/${ref} exists; fetch it (git fetch ${remote} ${ref}), or pass an existing branch with --default-branch or --base-ref` : `fetch it, or pass an existing branch with --base-ref`;
  const spec = ref.startsWith(`${remote}/`) ? [remote, `+refs/heads/${ref.slice(remote.length + 1)}:refs/remotes/${ref}`] : [remote];
  if (!await exists()) {
    if (deepen && spec.length > 1) await tryFetch(git, ["--depth=50", ...spec]);
    if (!await exists())
      throw new UsageError(`${source}: ${ref} is not a branch or commit in this clone`, fetchHint);
  }
  for (let attempt = 0; ; attempt++) {
    const mb = (await git.raw(["merge-base", "HEAD", ref]).catch(() => "")).trim();
    if (mb) return mb;
    if (!await shallow())
      throw new UsageError(
        `${source}: HEAD and ${ref} have no common ancestor`,
        "pick a baseline that shares history with HEAD (--base <commit> or --base-ref <branch>)"
      );
    if (!deepen || attempt >= 6)
      throw new UsageError(
        `${source}: no merge-base of HEAD and ${ref} in this shallow clone`,
        deepen ? `deepening did not reach it; run git fetch --unshallow ${remote}` : `run git fetch --unshallow ${remote} (or actions/checkout with fetch-depth: 0) and try again`
      );
    await tryFetch(git, attempt < 5 ? [`--deepen=${50 * 2 ** attempt}`, ...spec] : ["--unshallow", ...spec]);
  }
}
async function tryFetch(git, args) {
  await git.raw(["fetch", "--quiet", "--no-tags", ...args]).catch(() => void 0);
}

// src/pool/filter.ts
function effectiveFilter(f, side) {
  return { ...f.shared, ...f[side] };
}
function slicedDimensions(f) {
  const a = effectiveFilter(f, "a");
  const b = effectiveFilter(f, "b");
  return DIMENSIONS.filter((d) => !sameSet(a[d], b[d]));
}
function pairingDimensions(f) {
  const sliced = new Set(slicedDimensions(f));
  return DIMENSIONS.filter((d) => !sliced.has(d));
}
function selectSide(xs, f, side) {
  return xs.filter(sideMatcher(f, side));
}
function sideMatcher(f, side) {
  const eff = effectiveFilter(f, side);
  const dims = DIMENSIONS.filter((d) => eff[d] && eff[d].length > 0);
  const sub = f.substring;
  return (s) => dims.every((d) => eff[d].includes(dimValue(s, d))) && (!sub || searchText(s).includes(sub));
}
function assertSliced(f) {
  if (slicedDimensions(f).length === 0)
    throw new UsageError(
      "side A and side B select the same sidecars",
      "slice them on a dimension, e.g. --a-project-commit abc1234 --b-project-commit def5678, or give --base/--base-ref"
    );
}
function describeFilter(f) {
  const parts = DIMENSIONS.filter((d) => f[d]?.length).map((d) => `${d}=${f[d].join("|")}`);
  return parts.length ? parts.join(", ") : "all sidecars";
}
function listValues(xs) {
  const out = {};
  for (const d of DIMENSIONS) {
    const counts = /* @__PURE__ */ new Map();
    for (const s of xs) counts.set(dimValue(s, d), (counts.get(dimValue(s, d)) ?? 0) + 1);
    out[d] = [...counts].map(([value, sidecars]) => ({ value, sidecars })).sort((x, y) => x.value < y.value ? -1 : 1);
  }
  return out;
}
function searchText(s) {
  return `${s.testName}/${s.topology}/${s.scheduler}/${s.workType}`;
}
function sameSet(x, y) {
  const a = new Set(x ?? []);
  const b = new Set(y ?? []);
  return a.size === b.size && [...a].every((v) => b.has(v));
}
function valuesText(values, max = 8) {
  if (values.length === 0) return "none";
  const shown = values.slice(0, max).map((v) => `${clip(v.value)} (${v.sidecars})`);
  if (values.length > max) shown.push(`\u2026 ${values.length - max} more (see list-values)`);
  return shown.join(", ");
}
function explainEmpty(xs, f, o) {
  const who = o.side === "b" ? "HEAD (side B)" : "the baseline (side A)";
  const eff = effectiveFilter(f, o.side);
  const selection = [describeFilter(eff), ...f.substring ? [`-E ${clip(f.substring)}`] : []].join(", ");
  const head = `no sidecars for ${who}, ${selection}`;
  if (xs.length === 0)
    return {
      line: `${head}: the pool holds no sidecars \u2014 none were produced: run cargo ktstr test (or ktstr-agent produce), or point --dir at a pool that has them`,
      cause: "no-sidecars"
    };
  const values = listValues(xs);
  const misses = [];
  const typed = [];
  for (const d of DIMENSIONS) {
    const want = eff[d];
    if (!want?.length) continue;
    const held = values[d];
    if (want.some((v) => held.some((h) => h.value === v))) continue;
    const near = want.map(
      (v) => nearestValue(
        v,
        held.map((h) => h.value)
      )
    ).find((v) => v !== null);
    misses.push(
      `${d} ${want.map(clip).join("|")} is not in the pool, which holds ${d} ${valuesText(held)}${near ? `; did you mean ${clip(near)}?` : ""}`
    );
    if (!o.fromGit.includes(d)) typed.push(flagOf(f, o.side, d));
  }
  if (f.substring && !xs.some((s) => searchText(s).includes(f.substring))) {
    const names = [...new Set(xs.map((s) => s.testName))].sort();
    const near = nearestSubstring(f.substring, names);
    misses.push(
      `-E ${clip(f.substring)} matches no test, scheduler, topology or work type; the pool holds tests ${valuesText(countOf(xs.map((s) => s.testName)))}${near ? `; did you mean -E ${clip(near)}?` : ""}`
    );
    typed.push("-E");
  }
  const what = o.side === "b" ? "HEAD's" : "the baseline's";
  if (misses.length === 0) {
    const shown = DIMENSIONS.filter((d) => eff[d]?.length).map((d) => `${d} ${valuesText(values[d], 5)}`);
    if (o.fromGit.length > 0)
      return {
        line: `${head}: the pool holds each value (${shown.join("; ")}), but no sidecar of that commit has them all \u2014 ${what} sidecars were not produced for this selection`,
        cause: "not-produced"
      };
    return {
      line: `${head}: each value is in the pool, but no sidecar has them all (the pool holds ${shown.join("; ")}) \u2014 loosen a filter (list-values shows the pool)`,
      cause: "no-combination"
    };
  }
  if (typed.length > 0)
    return { line: `${head}: ${misses.join("; ")} \u2014 likely a typo in ${typed.join(", ")}`, cause: "typo" };
  return {
    line: `${head}: ${misses.join("; ")} \u2014 ${what} sidecars were not produced: run cargo ktstr test at that commit (or ktstr-agent produce)`,
    cause: "not-produced"
  };
}
function assertDisjoint(a, b, f) {
  const inB = new Set(b);
  const shared = a.filter((s) => inB.has(s));
  if (shared.length === 0) return;
  const sliced = slicedDimensions(f);
  const sharedValues = sliced.map((d) => `${d} ${valuesText(listValues(shared)[d], 4)}`).join("; ");
  const fixes = sliced.map((d) => {
    const ea = effectiveFilter(f, "a")[d];
    const eb = effectiveFilter(f, "b")[d];
    const open = !ea?.length ? "a" : !eb?.length ? "b" : null;
    if (!open) return `keep the ${d} values of --a-${d} and --b-${d} apart`;
    const taken = new Set((open === "a" ? eb : ea) ?? []);
    const others = listValues(a.concat(b))[d].filter((v) => !taken.has(v.value));
    return `give side ${open.toUpperCase()} its own --${open}-${d}${others.length ? ` (the pool's other ${d} values: ${valuesText(others, 5)})` : ""}`;
  });
  throw new UsageError(
    `side A (${describeFilter(effectiveFilter(f, "a"))}) and side B (${describeFilter(effectiveFilter(f, "b"))}) share ${shared.length} sidecar(s) (${sharedValues}), so the baseline would hold HEAD's own runs`,
    fixes.join("; ")
  );
}
function flagOf(f, side, d) {
  return f[side][d]?.length ? `--${side}-${d}` : `--${d}`;
}
function countOf(xs) {
  const counts = /* @__PURE__ */ new Map();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([value, sidecars]) => ({ value, sidecars })).sort((x, y) => x.value < y.value ? -1 : 1);
}
function clip(s) {
  return s.length > 80 ? `${s.slice(0, 79)}\u2026` : s;
}

// src/pool/compare-pool.ts
import { stat } from "node:fs/promises";
import path2 from "node:path";

// src/core/compare.ts
var FAIL_THRESHOLD_DEFAULT = 5;
var ALPHA_DEFAULT = 0.05;
function compare(input) {
  const { registry } = input;
  const opts = input.options ?? {};
  const alpha = opts.alpha ?? ALPHA_DEFAULT;
  const failThreshold = opts.failThreshold ?? FAIL_THRESHOLD_DEFAULT;
  const mustFail = [...opts.mustFail ?? []];
  const notices = [];
  const base = dedupe(input.base, notices, "baseline");
  const head = dedupe(input.head, notices, "HEAD");
  const { keyOf, labelOf: labelOf2 } = pairing(input.pairOn, [...base, ...head]);
  const groupsA = group(base, keyOf);
  const groupsB = group(head, keyOf);
  refuseScalarPolicy(opts.policy, groupsA, groupsB, labelOf2);
  const p = judgePairs(groupsA, groupsB, labelOf2, registry, { alpha, mustFail, policy: opts.policy });
  const { rows, assertions } = p;
  const rule = opts.rule ?? "ktstr";
  const seq = rule === "sequential" ? { ...SEQUENTIAL_DEFAULTS, ...opts.sequential } : null;
  if (opts.fdr != null && !seq) applyFdr(rows, opts.fdr, registry);
  const tests = seq ? applySequential(rows, seq) : [];
  rows.sort(rowOrder);
  const mode = p.noise ? "noise-adjusted" : "scalar";
  if (mode === "scalar" && mustFail.length) parseMustFail(mustFail.join(","), registry, false);
  notices.push(...pairNotices(p, groupsA, groupsB, labelOf2));
  if (seq) notices.push(...sequentialNotices(tests, seq));
  if (seq && opts.fdr != null)
    notices.push("--fdr is ignored under the sequential rule, which sets its own \u03B1");
  const count = (v) => rows.filter((r) => r.verdict === v).length;
  const countState = (st) => rows.filter((r) => r.state === st).length;
  const { verdict, reasons } = decide(
    rows,
    assertions,
    { failThreshold, mustFail },
    {
      baseSidecars: base.length,
      headSidecars: head.length,
      baseLabel: input.baseline.label,
      headLabel: input.headSpec.label
    }
  );
  return {
    schemaVersion: 1,
    verdict,
    reasons,
    notices,
    baseline: sideInfo(input.baseline, base, maxRuns(groupsA)),
    head: sideInfo(input.headSpec, head, maxRuns(groupsB)),
    mode,
    rule,
    tests,
    registry: { source: registry.source, detail: registry.detail, hash: registry.hash },
    options: {
      alpha,
      failThreshold,
      mustFail,
      thresholdPercent: opts.thresholdPercent ?? null,
      policy: opts.policySource ?? null,
      filter: opts.filter ?? null,
      fdr: opts.fdr ?? null,
      sequential: seq
    },
    counts: {
      regressions: count("regression"),
      improvements: count("improvement"),
      // Undecided and inconclusive rows are not shown to be unchanged: they have counts of their own.
      unchanged: count("unchanged") - countState("undecided") - countState("inconclusive"),
      informational: count("informational"),
      coverage: count("coverage"),
      noisy: count("noisy"),
      bothZero: p.bothZero,
      excluded: p.excludedPairs.length,
      droppedRuns: p.droppedRuns,
      newInHead: p.newInHead.length,
      removedFromBase: p.removedFromBase.length,
      malformed: input.malformed?.length ?? 0,
      assertionsTripped: assertions.filter((a) => a.tripped).length,
      unknownMetrics: p.unknown.size,
      undecided: countState("undecided"),
      inconclusive: countState("inconclusive")
    },
    rows,
    assertions,
    excludedPairs: p.excludedPairs,
    newInHead: p.newInHead.sort(),
    removedFromBase: p.removedFromBase,
    malformed: [...input.malformed ?? []].sort((x, y) => x.file < y.file ? -1 : x.file > y.file ? 1 : 0),
    unknownMetrics: [...p.unknown].sort()
  };
}
function pairing(pairOn, all) {
  const keyDims = ["topology", "work-type", ...pairOn.filter((d) => d !== "topology" && d !== "work-type")].filter((d) => pairOn.includes(d));
  const labelDims = keyDims.filter((d) => d === "topology" || d === "work-type" || distinct(all, d) > 1);
  const mainDims = labelDims.filter((d) => d === "topology" || d === "work-type");
  const extraDims = labelDims.filter((d) => d !== "topology" && d !== "work-type");
  const showDenomination = new Set(all.map((s) => s.throughputDenomination)).size > 1;
  const keyOf = (s) => [s.testName, s.throughputDenomination, ...keyDims.map((d) => dimValue(s, d))].join("\0");
  const labelOf2 = (s) => {
    const main = [s.testName, ...mainDims.map((d) => dimValue(s, d))].join("/");
    const extra = extraDims.map((d) => `${d}=${dimValue(s, d)}`);
    if (showDenomination) extra.push(`throughput=${s.throughputDenomination}`);
    return extra.length ? `${main} [${extra.join(", ")}]` : main;
  };
  return { keyOf, labelOf: labelOf2 };
}
function refuseScalarPolicy(policy, groupsA, groupsB, labelOf2) {
  const set = policy?.default_percent != null || Object.keys(policy?.per_metric_percent ?? {}).length > 0;
  const repeated = set ? firstNoisePair(groupsA, groupsB) : void 0;
  if (repeated)
    throw new UsageError(
      `--threshold / --policy gate the scalar comparison only (one run per side), as in ktstr where they conflict with --noise-adjust; these sides hold repeated runs (${labelOf2(repeated[0])}: ${usableCount(repeated)} runs)`,
      "drop --threshold / --policy (the Action inputs threshold / policy): with repeated runs the registry gates and the Welch test decide"
    );
}
function firstNoisePair(groupsA, groupsB) {
  for (const [k, runsA] of [...groupsA].sort(byKey)) {
    const runsB = groupsB.get(k);
    if (!runsB) continue;
    if (usableCount(runsA) >= 2) return runsA;
    if (usableCount(runsB) >= 2) return runsB;
  }
  return void 0;
}
function noiseMode(groupsA, groupsB) {
  for (const [k, runsA] of groupsA) {
    const runsB = groupsB.get(k);
    if (runsB && Math.max(usableCount(runsA), usableCount(runsB)) >= 2) return true;
  }
  return false;
}
function judgePairs(groupsA, groupsB, labelOf2, registry, o) {
  const p = {
    noise: noiseMode(groupsA, groupsB),
    rows: [],
    assertions: [],
    excludedPairs: [],
    newInHead: [],
    removedFromBase: [],
    unknown: /* @__PURE__ */ new Set(),
    unknownKind: /* @__PURE__ */ new Set(),
    gate: new GateSharer(),
    droppedRuns: 0,
    bothZero: 0
  };
  const ctx = { noise: p.noise, skipped: { bothZero: 0 } };
  for (const [k, runsHead] of groupsB) if (!groupsA.has(k)) p.newInHead.push(labelOf2(runsHead[0]));
  for (const [k, runsBase] of [...groupsA].sort(byKey)) {
    const runsHead = groupsB.get(k);
    const label = labelOf2(runsBase[0]);
    if (!runsHead) {
      p.removedFromBase.push(label);
      continue;
    }
    const passA = runsBase.filter(isUsable);
    const passB = runsHead.filter(isUsable);
    if (passA.length === 0 || passB.length === 0) {
      const why = [
        passA.length === 0 ? `baseline: ${stateSummary(runsBase)}` : null,
        passB.length === 0 ? `HEAD: ${stateSummary(runsHead)}` : null
      ].filter(Boolean);
      p.excludedPairs.push({ key: label, reason: why.join("; ") });
      continue;
    }
    p.droppedRuns += runsBase.length - passA.length + runsHead.length - passB.length;
    judgePair(p, label, passA.map(unpack), passB.map(unpack), registry, o, ctx);
  }
  p.bothZero = ctx.skipped.bothZero;
  return p;
}
function judgePair(p, label, passA, passB, registry, o, ctx) {
  const first = passB[0];
  const ident = {
    key: label,
    test: first.testName,
    topology: first.topology,
    scheduler: first.scheduler,
    workType: first.workType,
    kernel: first.kernel
  };
  judgeMetrics(p, ident, passA, passB, registry, o, ctx);
  p.assertions.push(...judgeAssertions(label, passA, passB, registry, o.alpha, ctx));
}
function judgeMetrics(p, ident, passA, passB, registry, o, ctx) {
  for (const def of registry.metrics) {
    if (!gatesAggregate(def, p.noise)) continue;
    const known = kindKnown(def);
    const gate = {
      abs: def.default_abs,
      rel: relThreshold(def, o.policy),
      worse: known ? worseSign(def.polarity) : 0,
      alpha: o.alpha
    };
    const j = judgeRuns(known ? def : void 0, def.name, passA, passB, gate, null, ctx);
    if (!j) continue;
    if (!known) p.unknownKind.add(`${def.name} (${kindLabel(def.kind)})`);
    const polarity = known ? polarityLabel(def.polarity) : "informational";
    j.gate = p.gate.share(j.gate);
    p.rows.push(makeRow(ident, def.name, def.display_unit, polarity, o.mustFail.includes(def.name), j));
  }
  for (const name of unknownNames(passA, passB, registry)) {
    p.unknown.add(name);
    const gate = {
      abs: 0,
      rel: o.policy?.default_percent != null ? o.policy.default_percent / 100 : 0.1,
      worse: 0,
      alpha: o.alpha
    };
    const j = judgeRuns(void 0, name, passA, passB, gate, null, ctx);
    if (j) {
      j.gate = p.gate.share(j.gate);
      p.rows.push(makeRow(ident, name, "", "unknown", false, j));
    }
  }
}
function pairNotices(p, groupsA, groupsB, labelOf2) {
  const out = [];
  const noisy = p.rows.filter((r) => r.verdict === "noisy").length;
  if (noisy > 0)
    out.push(
      `${noisy} row(s) noisy: a side had fewer than 2 usable runs where others have \u2265 2 (ktstr --noise-adjust); they never gate`
    );
  if (p.droppedRuns > 0)
    out.push(`${p.droppedRuns} non-passing run(s) dropped from pairs that still had passing runs`);
  if (p.unknownKind.size > 0)
    out.push(
      `${p.unknownKind.size} registry metric(s) of a kind this ktstr-perf-gate does not know were shown as informational, never gated (update ktstr-perf-gate): ${[...p.unknownKind].sort().join(", ")}`
    );
  if (p.unknown.size > 0)
    out.push(
      `${p.unknown.size} metric name(s) not in the registry were shown as informational: ${[...p.unknown].sort().join(", ")}`
    );
  const huge = p.rows.filter(outOfRange).length;
  if (huge > 0)
    out.push(
      `${huge} row(s) have a difference or spread beyond the double range (\xB11.8e308): shown as out of range (null in the JSON); the verdict still counts them`
    );
  const split = denominationSplits(groupsA, groupsB, labelOf2);
  if (split.length > 0)
    out.push(
      `${split.length} test(s) not paired because their throughput_denomination differs between the sides (ktstr never compares wall-clock and CPU-second rates): ${split.join(", ")}`
    );
  return out;
}
function outOfRange(r) {
  if (r.base === null || r.head === null) return false;
  return r.delta === null || !Number.isFinite(r.base.stdev) || !Number.isFinite(r.head.stdev);
}
function denominationSplits(groupsA, groupsB, labelOf2) {
  const strip = (k) => {
    const parts = k.split("\0");
    parts.splice(1, 1);
    return parts.join("\0");
  };
  const onlyA = /* @__PURE__ */ new Map();
  for (const [k, g] of groupsA) if (!groupsB.has(k)) onlyA.set(strip(k), g[0]);
  const out = /* @__PURE__ */ new Set();
  for (const [k, g] of groupsB)
    if (!groupsA.has(k)) {
      const a = onlyA.get(strip(k));
      if (a) out.add(`${labelOf2(a)} \u2192 ${labelOf2(g[0])}`);
    }
  return [...out].sort();
}
function usableCount(runs) {
  let n = 0;
  for (const s of runs) if (isUsable(s)) n++;
  return n;
}
function maxRuns(groups) {
  let n = 0;
  for (const g of groups.values()) n = Math.max(n, usableCount(g));
  return n;
}
var GateSharer = class {
  byAbs = /* @__PURE__ */ new Map();
  share(g) {
    let byRel = this.byAbs.get(g.abs);
    if (!byRel) this.byAbs.set(g.abs, byRel = /* @__PURE__ */ new Map());
    let slots = byRel.get(g.rel);
    if (!slots) byRel.set(g.rel, slots = [void 0, void 0, void 0, void 0]);
    const i = (g.absCleared ? 1 : 0) + (g.relCleared ? 2 : 0);
    const known = slots[i];
    if (!known) return slots[i] = g;
    return Object.is(known.abs, g.abs) && Object.is(known.rel, g.rel) ? known : g;
  }
};
function makeRow(id, metric, unit, polarity, mustFail, j) {
  return {
    key: id.key,
    test: id.test,
    topology: id.topology,
    scheduler: id.scheduler,
    workType: id.workType,
    kernel: id.kernel,
    metric,
    unit,
    polarity,
    verdict: j.verdict,
    mode: j.mode,
    base: j.base,
    head: j.head,
    delta: j.delta,
    relDelta: j.relDelta,
    pValue: j.pValue,
    pAdjusted: j.pAdjusted,
    separated: j.separated,
    disjoint: j.disjoint,
    material: j.material,
    gate: j.gate,
    ci95: j.ci95,
    effectSize: j.effectSize,
    mustFail,
    state: null,
    runsNeeded: null
  };
}
function unknownNames(a, b, registry) {
  const names = /* @__PURE__ */ new Set();
  for (const s of [...a, ...b]) for (const k in s.values) if (!registry.byName.has(k)) names.add(k);
  return [...names].sort();
}
function dedupe(xs, notices, side) {
  const sorted = [...xs].sort(
    (x, y) => cmp(x.timestamp, y.timestamp) || cmp(x.runId, y.runId) || cmp(x.testName, y.testName) || cmp(x.file, y.file)
  );
  const seen = /* @__PURE__ */ new Map();
  const out = [];
  for (const s of sorted) {
    const id = JSON.stringify([
      s.runId,
      s.timestamp,
      s.testName,
      s.topology,
      s.scheduler,
      s.workType,
      s.kernel,
      s.projectCommit,
      baseName(s.file)
    ]);
    const same = seen.get(id);
    if (same) {
      const values = JSON.stringify(s.values);
      if (same.some((o) => JSON.stringify(o.values) === values)) continue;
      same.push(s);
    } else seen.set(id, [s]);
    out.push(s);
  }
  if (out.length < xs.length)
    notices.push(`${xs.length - out.length} duplicate ${side} sidecar(s) of the same run ignored`);
  return out;
}
function group(xs, keyOf) {
  const m = /* @__PURE__ */ new Map();
  for (const s of xs) {
    const k = keyOf(s);
    const g = m.get(k);
    if (g) g.push(s);
    else m.set(k, [s]);
  }
  return m;
}
function sideInfo(spec, xs, runs) {
  const hosts = /* @__PURE__ */ new Set();
  for (const s of xs) {
    const h = s.host;
    const name = h && typeof h === "object" ? h.cpu_model ?? h.hostname ?? h.kernel_release : void 0;
    if (typeof name === "string") hosts.add(name);
  }
  return {
    label: spec.label,
    sha: spec.sha ?? null,
    how: spec.how,
    sidecars: xs.length,
    runs,
    kernels: [...new Set(xs.map((s) => s.kernel ?? "unknown"))].sort(),
    hosts: [...hosts].sort()
  };
}
function stateSummary(runs) {
  const skipped = runs.filter((s) => s.skipped).length;
  const inconclusive = runs.filter((s) => s.inconclusive && !s.skipped).length;
  const expected = runs.filter((s) => s.passed && !s.skipped && !s.inconclusive && s.expectedFailure).length;
  const failed = runs.length - skipped - inconclusive - expected;
  const parts = [
    failed && `${failed} failed`,
    skipped && `${skipped} skipped`,
    inconclusive && `${inconclusive} inconclusive`,
    expected && `${expected} expected failure${expected === 1 ? "" : "s"}`
  ].filter(Boolean);
  return `no passing run (${parts.join(", ")} of ${runs.length})`;
}
var ORDER = {
  regression: 0,
  improvement: 1,
  informational: 2,
  noisy: 3,
  coverage: 4,
  unchanged: 5
};
function rowOrder(x, y) {
  const byVerdict = ORDER[x.verdict] - ORDER[y.verdict];
  if (byVerdict) return byVerdict;
  if (x.verdict === "regression" || x.verdict === "improvement" || x.verdict === "informational") {
    const mx = Math.abs(x.relDelta ?? Infinity);
    const my = Math.abs(y.relDelta ?? Infinity);
    if (mx !== my) return my - mx > 0 ? 1 : -1;
  }
  return cmp(x.key, y.key) || cmp(x.metric, y.metric);
}
function distinct(xs, d) {
  return new Set(xs.map((s) => dimValue(s, d))).size;
}
function byKey(x, y) {
  return cmp(x[0], y[0]);
}
function baseName(p) {
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}
function cmp(a, b) {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

// src/pool/manifest.ts
import { mkdir, readdir, readFile as readFile3, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
var MANIFEST_FILE = "manifest.json";
var MANIFEST_KIND = "ktstr-perf-gate/run-manifest";
var MAX_MANIFEST_BYTES = 256 * 1024;
var sha = string().regex(/^[0-9a-f]{40}$/, "expected a 40-hex commit id");
var short = string().regex(/^[0-9a-f]{7}(-dirty)?$/, "expected a 7-hex commit label");
var isoTime = string().datetime({ offset: true });
var hostSchema = object({
  /** Stable hash of the host's identity (hostname, CPU model, CPUs, memory, kernel). */
  fingerprint: string().min(1),
  hostname: string(),
  cpuModel: string(),
  cpus: number().int().nonnegative(),
  memoryBytes: number().nonnegative(),
  kernelRelease: string()
});
var manifestSchema = object({
  schemaVersion: literal(1),
  kind: literal(MANIFEST_KIND),
  /** `base` = the baseline side (A), `head` = the candidate side (B). */
  side: _enum(["base", "head"]),
  commit: sha,
  /** The label ktstr writes into `project_commit` and the pool directory name. */
  commitShort: short,
  /** The `--kernel` value the run booted. */
  kernel: string().min(1),
  /** 1-based index of this run among its side's runs (the `run-<i>` directory). */
  runIndex: number().int().positive(),
  /** 1-based position in the produce's interleaved order; null when restored from the cache. */
  sequence: number().int().positive().nullable(),
  /** Runs this produce scheduled in total (both sides). */
  totalRuns: number().int().nonnegative(),
  startedAt: isoTime,
  endedAt: isoTime,
  durationMs: number().nonnegative(),
  exitStatus: object({ code: number().int().nullable(), signal: string().nullable() }),
  /**
   * `ok` = exit 0 and every test passed; `test-failure` = some test has no passing sample: it failed
   * (kept, never retried), or it was skipped or left no sidecar after every retry (see the lists below).
   */
  outcome: _enum(["ok", "test-failure"]),
  /** How many times the run was started (1 + infrastructure retries). */
  attempts: number().int().positive(),
  /** Sidecar file names in this directory, sorted. */
  sidecars: array(string()),
  host: hostSchema,
  ktstrVersion: string(),
  /** Hash of the metric registry `stats list-metrics --json` printed on the host (registry.ts). */
  registryHash: string(),
  agentVersion: string(),
  /** `produced` = run by the agent now; `cache` = copied from the agent's host cache. */
  source: _enum(["produced", "cache"]),
  /**
   * The produce call that made the run (a random id; kept when the run is copied from the cache).
   * Baseline runs with the id of one of HEAD's runs were made interleaved with them: the sentinel.
   */
  produceId: string().max(100).optional(),
  filter: string().nullable(),
  /** The argv of the ktstr command that produced the run (no shell). */
  command: array(string()),
  /** Where ktstrVersion came from (`cargo install --list`, `--version`, `unknown`): ktstr has no `--version`. */
  ktstrVersionSource: string().optional(),
  /** The ktstr version(s) the commit's Cargo.lock pins (what its tests build against), or null. */
  testKtstrVersion: string().nullable().optional(),
  /** Tests whose sidecar says failed or inconclusive, or that nextest reported failed. */
  failedTests: array(string()).optional(),
  /** Tests that wrote a skip sidecar (no sample; ResourceContention is the usual cause). */
  skippedTests: array(string()).optional(),
  /** Tests known to exist (nextest output, earlier attempts) that left no sidecar (no sample). */
  missingTests: array(string()).optional(),
  /** Why each retried attempt was retried (transient guest or host-resource failures). */
  retryReasons: array(string()).optional()
});
function parseManifest(text, file) {
  if (text.length > MAX_MANIFEST_BYTES)
    return { ok: false, error: `${file}: ${text.length} bytes, over the ${MAX_MANIFEST_BYTES}-byte limit` };
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON (${e.message})` };
  }
  const r = manifestSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path3 = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("");
    return { ok: false, error: `${file}: $${path3}: ${issue.message}` };
  }
  return { ok: true, manifest: r.data };
}
async function readManifest(dir) {
  const file = join(dir, MANIFEST_FILE);
  let text;
  try {
    text = await readFile3(file, "utf8");
  } catch (e) {
    const code = e.code;
    return { ok: false, error: `${file}: ${code === "ENOENT" ? "missing" : e.message}` };
  }
  return parseManifest(text, file);
}
async function poolManifests(root, keep = () => true) {
  const out = [];
  const nonDotDirs = async (dir) => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
  const runDirs = [];
  for (const d of await nonDotDirs(root))
    if (!d.startsWith(ARTIFACT_DIR_PREFIX)) runDirs.push(d);
    else for (const r of await nonDotDirs(join(root, d))) runDirs.push(`${d}/${r}`);
  for (const d of runDirs.filter(keep))
    for (const run2 of [d, ...(await nonDotDirs(join(root, d))).map((r) => `${d}/${r}`)]) {
      const result = await readManifest(join(root, run2));
      if (!result.ok && result.error.endsWith(": missing")) continue;
      out.push({ run: run2, result });
    }
  return out;
}
async function restorableRuns(root, expect) {
  const out = { runs: [], refused: [] };
  const entries = async (dir) => await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const side of await entries(root)) {
    if (side.name.startsWith(".")) continue;
    if (!side.isDirectory() || !side.name.endsWith(`-${expect.label}`)) {
      out.refused.push(`${side.name}: not a run directory of ${expect.label}`);
      continue;
    }
    for (const e of await entries(join(root, side.name))) {
      const run2 = `${side.name}/${e.name}`;
      if (e.name.startsWith(".")) continue;
      if (!e.isDirectory()) {
        out.refused.push(`${run2}: outside a run-<i>/ directory`);
        continue;
      }
      const why = restoreMismatch(await readManifest(join(root, run2)), expect);
      if (why) out.refused.push(`${run2}: ${why}`);
      else out.runs.push(run2);
    }
  }
  out.runs.sort();
  return out;
}
function restoreMismatch(m, expect) {
  if (!m.ok) return m.error.endsWith(": missing") ? `no ${MANIFEST_FILE}` : m.error;
  const r = m.manifest;
  if (r.commit !== expect.commit || r.commitShort !== expect.label)
    return `made for commit ${r.commitShort}, not ${expect.label}`;
  if (expect.kernel && r.kernel !== expect.kernel) return `booted kernel ${r.kernel}, not ${expect.kernel}`;
  if (r.registryHash !== expect.registryHash)
    return `made with metric registry ${r.registryHash}, this job gates with ${expect.registryHash} (another ktstr version)`;
  return null;
}

// src/pool/compare-pool.ts
async function comparePool(input) {
  const defaultRoot = defaultPoolRoot(input.env, input.cwd);
  const root = input.dir ? path2.resolve(input.cwd, input.dir) : defaultRoot;
  if (input.dir) await assertDir(root, "--dir");
  const filters = { ...input.filters, a: { ...input.filters.a }, b: { ...input.filters.b } };
  const perSide = Object.keys(filters.a).length > 0 || Object.keys(filters.b).length > 0;
  const explicitBase = !!(input.base || input.baseRef || input.defaultBranch);
  let resolved = input.resolved ?? null;
  if (!resolved && (!perSide || explicitBase)) {
    resolved = await resolveBaseline({
      cwd: input.cwd,
      base: input.base,
      baseRef: input.baseRef,
      defaultBranch: input.defaultBranch,
      env: input.env,
      deepen: input.deepen
    });
  }
  const fromGit = { a: [], b: [] };
  if (resolved) {
    for (const [side, commit] of [
      ["a", resolved.base],
      ["b", resolved.head]
    ])
      if (!filters[side]["project-commit"]) {
        filters[side]["project-commit"] = [commit.label];
        fromGit[side].push("project-commit");
      }
  }
  assertSliced(filters);
  const inA = sideMatcher(filters, "a");
  const inB = sideMatcher(filters, "b");
  const archive = path2.resolve(root) !== path2.resolve(defaultRoot);
  const pool = await readPool(root, { archive, keep: (s) => inA(s) || inB(s), pack: true });
  dropUnusedPhases(pool.sidecars);
  const base = selectSide(pool.sidecars, filters, "a");
  const head = selectSide(pool.sidecars, filters, "b");
  let whole = null;
  const everything = async () => whole ??= base.length > 0 && head.length > 0 ? pool.sidecars : (await readPool(root, { archive })).sidecars;
  assertDisjoint(base, head, filters);
  const emptyBase = base.length === 0 && head.length > 0 ? explainEmpty(await everything(), filters, { side: "a", fromGit: fromGit.a }) : null;
  if (emptyBase && emptyBase.cause !== "not-produced")
    throw new UsageError(
      emptyBase.line,
      filters.a["project-commit"] && !fromGit.a.length ? "if that baseline was never produced, name it with --base instead: a missing baseline git resolves is a notice and a pass" : void 0
    );
  const spec = (side) => {
    const commit = resolved?.[side === "a" ? "base" : "head"];
    const eff = effectiveFilter(filters, side);
    const picked = eff["project-commit"];
    if (commit && picked?.length === 1 && picked[0] === commit.label)
      return { label: commit.label, sha: commit.sha, how: side === "a" ? resolved.how : "HEAD" };
    return {
      label: picked?.length === 1 ? picked[0] : describeFilter(eff),
      sha: null,
      how: describeFilter(eff)
    };
  };
  const comparison = compare({
    base,
    head,
    pairOn: pairingDimensions(filters),
    registry: input.registry,
    baseline: spec("a"),
    headSpec: spec("b"),
    options: { ...input.options, filter: filters.substring ?? null },
    malformed: pool.malformed
  });
  for (const side of [comparison.baseline, comparison.head])
    if (side.hosts.length === 0) side.hosts = await manifestHosts(root, side.label);
  if (comparison.head.sidecars === 0 && resolved?.head.dirty)
    comparison.notices.push(
      `the work tree is dirty, so HEAD's sidecars are labelled ${resolved.head.label}; run the tests on this tree, or commit and re-run them`
    );
  const shownRoot = shownPath(input.cwd, root);
  if (comparison.verdict === "no-data")
    comparison.reasons = [
      `${explainEmpty(await everything(), filters, { side: "b", fromGit: fromGit.b }).line} (pool ${shownRoot})`
    ];
  if (comparison.verdict === "no-baseline")
    comparison.notices.push(
      `the pool at ${shownRoot} has no sidecars for the baseline ${comparison.baseline.label}; produce them (cargo ktstr test at that commit, or ktstr-agent produce) to enable the delta`
    );
  return { comparison, pool, resolved };
}
function shownPath(cwd, p) {
  const rel = path2.relative(path2.resolve(cwd), path2.resolve(p));
  if (rel === "") return ".";
  return rel.startsWith("..") || path2.isAbsolute(rel) ? p : rel;
}
function dropUnusedPhases(xs) {
  for (const s of xs) for (const a of s.assertions) if (a.phase !== null) return;
  for (const s of xs) s.phases = NONE;
}
async function manifestHosts(root, label) {
  const hosts = /* @__PURE__ */ new Set();
  for (const { result: m } of await poolManifests(root, (d) => d.endsWith(`-${label}`)))
    if (m.ok) hosts.add(`${m.manifest.host.hostname} (${m.manifest.host.cpuModel})`);
  return [...hosts].sort();
}
async function assertDir(p, flag) {
  const st = await stat(p).catch(() => null);
  if (!st?.isDirectory())
    throw new UsageError(
      `${flag} ${p}: no such directory`,
      "point it at a ktstr pool root (the directory holding {kernel}-{commit}/ run directories)"
    );
}

// src/report/json.ts
var JSON_SCHEMA_VERSION = 1;
var ROWS_PER_CHUNK = 256;
function renderJson(c, o = {}) {
  const parts = [];
  writeJson(c, (s) => parts.push(s), o);
  return parts.join("");
}
function writeJson(c, write, o = {}) {
  if (o.pretty) {
    write(jsonText(JSON.stringify(JSON.parse(renderJson(c)), null, 2)));
    return;
  }
  const { rows, ...rest } = document(c);
  const out = new CompactJson();
  const head = out.value(rest.head);
  write(`${head.slice(0, -1)}${head.length > 2 ? "," : ""}"rows":[`);
  let chunk = "";
  for (let i = 0; i < rows.length; i++) {
    chunk += (i > 0 ? "," : "") + rowText(rows[i], out);
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      write(chunk);
      chunk = "";
    }
  }
  if (chunk !== "") write(chunk);
  const tail = out.value(rest.tail);
  write(`]${tail.length > 2 ? "," : ""}${tail.slice(1)}`);
}
function document(c) {
  const head = {
    schemaVersion: JSON_SCHEMA_VERSION,
    verdict: c.verdict,
    reasons: c.reasons,
    notices: c.notices,
    baseline: c.baseline,
    head: c.head,
    mode: c.mode,
    registry: c.registry,
    options: c.options,
    counts: {
      regressions: c.counts.regressions,
      improvements: c.counts.improvements,
      unchanged: c.counts.unchanged,
      informational: c.counts.informational,
      excluded: c.counts.excluded,
      newInHead: c.counts.newInHead,
      removedFromBase: c.counts.removedFromBase,
      malformed: c.counts.malformed,
      droppedRuns: c.counts.droppedRuns,
      coverage: c.counts.coverage,
      noisy: c.counts.noisy,
      bothZero: c.counts.bothZero,
      assertionsTripped: c.counts.assertionsTripped,
      unknownMetrics: c.counts.unknownMetrics,
      undecided: c.counts.undecided,
      inconclusive: c.counts.inconclusive
    },
    rule: c.rule,
    tests: c.tests.map((t) => ({
      key: t.key,
      test: t.test,
      baseRuns: t.baseRuns,
      headRuns: t.headRuns,
      undecided: t.undecided,
      inconclusive: t.inconclusive,
      runsNeeded: t.runsNeeded
    }))
  };
  const tail = {
    assertions: c.assertions,
    excludedPairs: c.excludedPairs,
    newInHead: c.newInHead,
    removedFromBase: c.removedFromBase,
    malformed: c.malformed,
    unknownMetrics: c.unknownMetrics,
    // Added (DESIGN §8): present only when the baseline held cached runs the sentinel checked.
    sentinel: c.sentinel,
    // Absent (left out) when nothing was waived.
    waivers: c.waivers
  };
  return { rows: c.rows, head, tail };
}
var CompactJson = class {
  strings = /* @__PURE__ */ new Map();
  /** The JSON text of `v`; `undefined` for what JSON.stringify leaves out (undefined, functions). */
  value(v) {
    switch (typeof v) {
      case "number":
        return Number.isFinite(v) ? String(v) : "null";
      case "string":
        return this.string(v);
      case "boolean":
        return v ? "true" : "false";
      case "object":
        if (v === null) return "null";
        if (typeof v.toJSON === "function")
          return jsonText(JSON.stringify(v) ?? "null");
        if (Array.isArray(v)) return this.array(v);
        return this.object(v);
      default:
        return void 0;
    }
  }
  /**
   * `name` (a comma, the quoted key and a colon) + the text of `v`; '' when JSON.stringify would
   * leave the member out (undefined). An object's text is `{` + its members' text without the
   * first comma + `}`: see `members`.
   */
  member(name, v) {
    const text = this.value(v);
    return text === void 0 ? "" : name + text;
  }
  string(s) {
    let out = this.strings.get(s);
    if (out === void 0) {
      out = jsonText(JSON.stringify(s));
      if (s.length <= 256) this.strings.set(s, out);
    }
    return out;
  }
  array(xs) {
    let out = "[";
    for (let i = 0; i < xs.length; i++) out += (i > 0 ? "," : "") + (this.value(xs[i]) ?? "null");
    return out + "]";
  }
  object(o) {
    let out = "{";
    let first = true;
    for (const k in o) {
      if (!Object.hasOwn(o, k)) continue;
      const v = this.value(o[k]);
      if (v === void 0) continue;
      out += (first ? "" : ",") + this.string(k) + ":" + v;
      first = false;
    }
    return out + "}";
  }
};
function members(text) {
  return text === "" ? "{}" : `{${text.slice(1)}}`;
}
function rowText(r, j) {
  return members(
    j.member(',"key":', r.key) + j.member(',"test":', r.test) + j.member(',"topology":', r.topology) + j.member(',"scheduler":', r.scheduler) + j.member(',"workType":', r.workType) + j.member(',"kernel":', r.kernel) + j.member(',"metric":', r.metric) + j.member(',"unit":', r.unit) + j.member(',"polarity":', r.polarity) + j.member(',"verdict":', r.verdict) + j.member(',"mode":', r.mode) + `,"base":${sideText(r.base, j)},"head":${sideText(r.head, j)}` + j.member(',"delta":', r.delta) + j.member(',"relDelta":', r.relDelta) + j.member(',"pValue":', r.pValue) + j.member(',"pAdjusted":', r.pAdjusted) + j.member(',"separated":', r.separated) + j.member(',"disjoint":', r.disjoint) + j.member(',"material":', r.material) + j.member(',"gate":', r.gate) + j.member(',"ci95":', r.ci95) + j.member(',"effectSize":', r.effectSize) + j.member(',"mustFail":', r.mustFail) + j.member(',"state":', r.state) + j.member(',"runsNeeded":', r.runsNeeded)
  );
}
function sideText(s, j) {
  if (s === null) return "null";
  return members(
    j.member(',"n":', s.n) + j.member(',"mean":', s.mean) + j.member(',"min":', s.min) + j.member(',"max":', s.max) + j.member(',"stdev":', s.stdev) + j.member(',"value":', s.value) + j.member(',"fold":', s.fold) + j.member(',"samples":', s.samples)
  );
}

export {
  metricDescription,
  polarityLabel,
  kindLabel,
  parseMustFail,
  loadPolicy,
  loadAcceptFile,
  redecide,
  labelStatus,
  applyWaivers,
  refuteLabelWaiver,
  loadRegistry,
  compare,
  rowOrder,
  resolveBaseline,
  labelOf,
  pairingDimensions,
  listValues,
  poolManifests,
  restorableRuns,
  comparePool,
  assertDir,
  renderJson,
  writeJson
};
