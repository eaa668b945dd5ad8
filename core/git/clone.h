#pragma once

#include "core/common/error.h"

#include <QPromise>
#include <QString>

namespace shiplog::core::git {

// The clone job (run with jobs::Job<Result<QString>>): clones `url` (https://, ssh://, git://,
// file:// or a local path) into `destination`, which must not exist or be an empty folder.
// Progress goes to the promise as 0..100 with text such as "Receiving objects 45% (1200/2650)";
// cancelling stops the transfer and removes what the clone made. The result is the work tree path.
void cloneRepository(QPromise<Result<QString>>& promise, QString url, QString destination);

} // namespace shiplog::core::git
