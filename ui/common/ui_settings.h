#pragma once

#include "core/git/history.h"

#include <QStringList>

namespace shiplog::ui {

// What the GUI keeps between runs (QSettings, organization "Shiplog", application "shiplog").
namespace settings {

// Most recent first, at most `maxRecent` entries, paths cleaned and deduplicated.
constexpr int maxRecent = 12;
QStringList recentRepositories();
void addRecentRepository(const QString& path);
void removeRecentRepository(const QString& path);

// The bot rules of "Hide bot commits"; the core defaults until the user edits them.
core::git::BotRules botRules();
void setBotRules(const core::git::BotRules& rules);

bool absoluteDates();
void setAbsoluteDates(bool absolute);

} // namespace settings
} // namespace shiplog::ui
