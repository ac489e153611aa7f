#pragma once
// How a batch function runs: every batch form of tipstats (stats, trend, tabulate) takes these
// options last.

namespace tipstats {

/// A batch runs on tipstats' shared thread pool (started on first use, kept for the process), with
/// at most `threads` threads, the calling one included (0: the whole pool, one per hardware
/// thread). Small batches stay on the calling thread.
struct batch_options {
    unsigned threads = 0;
};

}  // namespace tipstats
