//! The course's cluster tables (« Retour sur le calcul de π »): Python `multiprocessing`,
//! `compute_pi_process`, timed with `/usr/bin/time` on a node of the Centre des Matériaux
//! cluster. `pi-scaling --course` prints them as it prints its own tables, so that
//! `figures scaling` draws them as reference lines.

/// Where the course measured them.
pub const MACHINE: &str = "a node of the Centre des Matériaux cluster, two 12-core Intel processors (the course's tables, Python multiprocessing)";

/// The processes of each row.
pub const WORKERS: [u64; 13] = [1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];

/// Each table: its name, the points, then per row the elapsed seconds and the %CPU.
pub const TABLES: [(&str, i64, [f64; 13], [u32; 13]); 2] = [
    (
        "course, Python, 24-core node, 10^7 points",
        10_000_000,
        [1.83, 1.00, 0.52, 0.39, 0.31, 0.28, 0.24, 0.22, 0.20, 0.20, 0.19, 0.18, 0.17],
        [99, 186, 355, 497, 624, 717, 826, 914, 1010, 1103, 1161, 1228, 1277],
    ),
    (
        "course, Python, 24-core node, 10^9 points",
        1_000_000_000,
        [
            175.53, 87.95, 46.03, 31.34, 23.84, 20.61, 17.20, 14.77, 12.94, 12.29, 11.08, 10.14,
            10.05,
        ],
        [99, 199, 390, 597, 790, 945, 1131, 1318, 1513, 1696, 1884, 2078, 2096],
    ),
];
