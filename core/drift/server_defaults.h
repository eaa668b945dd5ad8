#pragma once

// The defaults the API server fills in (kubernetes pkg/apis/*/v1/defaults.go, KUBE-API.md §6),
// applied to the desired object so that a default present only in live is not drift.
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace shiplog::core::drift {

// Fills the defaults of `object`'s kind into it; `defaulted` receives the formatted path of each
// field it set (for "hidden: server default").
void applyServerDefaults(QJsonObject& object, QSet<QString>* defaulted = nullptr);

} // namespace shiplog::core::drift
