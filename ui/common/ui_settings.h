#pragma once

#include "core/git/history.h"

#include <QStringList>
#include <QVariant>

namespace shiplog::ui {

// What the GUI keeps between runs (QSettings, organization "Shiplog", application "shiplog").
namespace settings {

// A value of the application's QSettings. Written on a thread of its own (QSettings syncs its file
// to disk, which a busy disk makes slow); read back at once, before the write is done. For every
// value the GUI writes while it runs.
QVariant value(const QString& key, const QVariant& fallback = {});
bool contains(const QString& key);
void setValue(const QString& key, const QVariant& value);
// Blocks until every value set so far is in the file (tests that read or clear QSettings directly).
void waitForWrites();

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
