#pragma once

#include "config/config_error.h"
#include "config/environment.h"
#include "config/ini_document.h"
#include "config/ini_program.h"
#include "core/model.h"

namespace drover::config {

// [supervisord], [unix_http_server], [inet_http_server], [supervisorctl] and
// [rpcinterface:x] -> Settings, plus what every program needs from them
// (childlogdir, the global environment, the server URL) in `globals`.
core::Settings read_ini_settings(const IniDocument& doc, const std::string& file,
                                 const Environment& env, IniGlobals& globals, Errors& errors,
                                 Errors& warnings);

}  // namespace drover::config
