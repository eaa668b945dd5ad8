#pragma once

// The JSON form of a drift report (`shiplog drift --json`): in-sync resources omitted, Secret values
// masked (they already are in the report). `explain` (--explain): also every resource with hidden
// differences, each as {"path", "rule", "reason"}.
#include "core/drift/drift_report.h"

#include <QJsonObject>

namespace shiplog::core::drift {

QJsonObject reportToJson(const DriftReport& report, bool explain = false);

} // namespace shiplog::core::drift
