#pragma once

#include "cli/cli.h"

namespace drover {

// `drover export`: loads the config, translates it (export/), prints each
// warning on stderr, and writes the objects to stdout or one file each.
// Exit codes: 0 written; 1 not written; 2 invalid config.
int export_manifests(const cli::ExportRequest& request);

}  // namespace drover
