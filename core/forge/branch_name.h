#pragma once

// Branch names as git accepts them: the rules of `git check-ref-format --branch` (refs.c
// check_refname_format on "refs/heads/NAME", plus no leading '-' and not "HEAD"), and one more:
// a name starting with "refs/" is refused, because it names a ref, and pushing it would create
// "refs/heads/refs/heads/…" on the remote.
#include <QString>
#include <optional>

namespace shiplog::core::forge {

// nullopt when `name` is a valid new branch name; else why not, as a sentence fragment
// ("contains a space", "starts with '-'").
std::optional<QString> branchNameProblem(const QString& name);

} // namespace shiplog::core::forge
