#pragma once

// Which commit brought a value where it is: the newest commit, among those that changed one of the
// files a value comes from, after which the file holds the value and before which it did not. Used
// for "the commit that last set this field" (compare) and "the commit that brought this version"
// (promotion board). Bounded: each file's history is read once, at most `depth` commits deep.
#include "core/common/error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace shiplog::core::git {
class Repository;
}

namespace shiplog::core::environment {

struct BlamedCommit
{
    QString id;      // "" when not found within the bound
    QString subject; // the commit's subject line
    qint64 time = 0; // committer time (seconds)
    QString file;    // which of the files it set the value in
};

class ValueBlame
{
public:
    // `repositoryPath` is opened by this object (one thread); `revision` is where the walk starts.
    ValueBlame(QString repositoryPath, QString revision, int depth = 300);
    ~ValueBlame();
    ValueBlame(const ValueBlame&) = delete;
    ValueBlame& operator=(const ValueBlame&) = delete;

    // `holds` says whether one version of a file (its bytes) holds the value.
    using Predicate = std::function<bool(const QByteArray& text)>;
    Result<BlamedCommit> commitThatSet(const QStringList& files, const Predicate& holds);

    // The usual predicate: the scalar's text appears in the file ("1.0.59", "ghcr.io/x/y:6.5.0").
    static Predicate containsText(const QString& text);

private:
    struct Step
    {
        QString commit;
        QString parent; // "" for a root commit
        QString subject;
        qint64 time = 0;
        bool merge = false;
    };
    Result<const QList<Step>*> historyOf(const QString& file);
    Result<std::optional<QByteArray>> blobAt(const QString& commit, const QString& file);

    QString m_path;
    QString m_revision;
    int m_depth;
    std::unique_ptr<git::Repository> m_repo;
    QHash<QString, QList<Step>> m_histories;
    QHash<QString, std::optional<QByteArray>> m_blobs; // "commit:path" → bytes
};

} // namespace shiplog::core::environment
