#pragma once

// One implementation per forge; only forge_client.cpp's factory uses these.
#include "core/forge/forge_client.h"

namespace shiplog::core::forge::detail {

std::unique_ptr<ForgeClient> makeGitHub(const ForgeRepo&, const QString&, const QString&, HttpSession&,
                                        ForgeOptions);
std::unique_ptr<ForgeClient> makeGitLab(const ForgeRepo&, const QString&, const QString&, HttpSession&,
                                        ForgeOptions);
std::unique_ptr<ForgeClient> makeGitea(const ForgeRepo&, const QString&, const QString&, HttpSession&,
                                       ForgeOptions);
std::unique_ptr<ForgeClient> makeBitbucket(const ForgeRepo&, const QString&, const QString&, HttpSession&,
                                           ForgeOptions);
std::unique_ptr<ForgeClient> makeAzure(const ForgeRepo&, const QString&, const QString&, HttpSession&,
                                       ForgeOptions);

} // namespace shiplog::core::forge::detail
