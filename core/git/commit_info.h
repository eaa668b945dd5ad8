#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace shiplog::core::git {

// Who and when, as git records it: seconds since the epoch plus the author's own UTC offset.
struct Person
{
    QString name;
    QString email;
    qint64 time = 0;       // seconds since 1970-01-01 UTC
    int offsetMinutes = 0; // the signer's offset from UTC, e.g. +120 for +02:00

    QDateTime dateTime() const; // in the signer's own offset
    QString isoTime() const;    // "2024-05-01T10:00:00+02:00"
};

// One commit as plain values, safe to hand from a worker thread to the GUI.
struct CommitInfo
{
    QString id;          // full 40-hex id
    QStringList parents; // full ids, first parent first
    Person author;
    Person committer;
    QString subject;      // the first paragraph, its lines joined by spaces (git's %s)
    QString body;         // the message after the subject and its blank line(s) (git's %b), trimmed
    bool grafted = false; // a shallow clone's boundary: `parents` are recorded but not in the repository
    bool isMerge() const { return parents.size() > 1; }
};

// A branch, tag or HEAD pointing at a commit, for labels in the history list.
struct RefLabel
{
    enum class Kind
    {
        Head,
        LocalBranch,
        RemoteBranch,
        Tag
    };
    QString name;     // short name: "main", "origin/main", "v1.2"
    QString fullName; // "refs/heads/main"
    Kind kind = Kind::LocalBranch;
    QString target; // commit id (tags peeled)
    bool operator==(const RefLabel&) const = default;
};

} // namespace shiplog::core::git
