#!/bin/bash
# Queues the study's shards as a job array and the merge after all of them succeeded.
set -euo pipefail
cd "$(dirname "$0")"
array=$(sbatch --parsable study-array.sbatch)
sbatch --dependency="afterok:${array}" study-merge.sbatch
