#pragma once

// The demo repository's history as plain values, before anything is written to disk: every commit
// with its complete file set, people, times and parents. demo_environment.cpp writes it with libgit2.
#include "core/common/error.h"
#include "core/demo/demo_state.h"

#include <QStringList>
#include <vector>

namespace shiplog::core::demo {

struct Person
{
    QString name;
    QString email;
    int utcOffsetMinutes = 0; // the zone the person works in (commits record it)
};

struct Stamp
{
    Person who;
    qint64 secondsSinceEpoch = 0;
};

struct PlannedCommit
{
    QString label;       // unique within the history; parents refer to it
    QStringList parents; // labels, first parent first
    Stamp author;
    Stamp committer;
    QString message; // without trailing newline
    QString reverts; // label of the commit this one reverts ("This reverts commit <id>." is added)
    FileMap files;
};

struct PlannedHistory
{
    std::vector<PlannedCommit> commits;                // parents always come before children
    std::vector<std::pair<QString, QString>> branches; // branch name -> label of its tip
};

// The scripted history. Fails only when a step of the script is wrong (e.g. changes nothing).
Result<PlannedHistory> plannedHistory();

} // namespace shiplog::core::demo
