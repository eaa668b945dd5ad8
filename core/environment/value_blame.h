#pragma once

// Which commit brought a value where it is: the newest commit, among those that changed one of the
// files a value comes from, after which the file holds the value and before which it did not. Used
// for "the commit that last set this field" (compare) and "the commit that brought this version"
// (promotion board). Bounded: each file's history is read once, at most `depth` commits deep.
//
// Jenkins X renders config-root/ from helmfiles/ in a bot's `chore: regenerated` commit that follows
// the promotion (`chore: promote ledger to version 0.10.0`, an edit of helmfiles/<ns>/helmfile.yaml).
// When the commit that changed a rendered file is such a regeneration, the answer is the commit a
// reviewer means: the newest commit that changed the rendering release's helmfile entry or one of
// its values files since the file was last rendered, with the regeneration as `appliedBy`.
#include "core/common/error.h"
#include "core/environment/releases.h"
#include "core/git/bot_rules.h"

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
    // When `id` is the promotion (or other edit of a helmfile release) that a bot's regeneration
    // rendered into `file`: that regeneration, the commit that changed `file` ("" otherwise).
    QString appliedBy;
    QString appliedBySubject;
};

class ValueBlame
{
public:
    // `repositoryPath` is opened by this object (one thread); `revision` is where the walk starts.
    ValueBlame(QString repositoryPath, QString revision, int depth = 300, git::BotRules bots = {});
    ~ValueBlame();
    ValueBlame(const ValueBlame&) = delete;
    ValueBlame& operator=(const ValueBlame&) = delete;

    // `holds` says whether one version of a file (its bytes) holds the value.
    using Predicate = std::function<bool(const QByteArray& text)>;
    Result<BlamedCommit> commitThatSet(const QStringList& files, const Predicate& holds);

    // The usual predicate: the scalar's text appears in the file ("1.0.59", "ghcr.io/x/y:6.5.0").
    static Predicate containsText(const QString& text);

    // Whether a regeneration is traced back to the commit it applied (default true; false names the
    // regeneration itself, as the blame did before — for measurements).
    void setFollowRegenerations(bool follow) { m_followRegenerations = follow; }

private:
    struct Step
    {
        QString commit;
        QString parent; // "" for a root commit
        QString subject;
        qint64 time = 0;
        bool merge = false;
        bool bot = false; // the bot rules match it
    };
    Result<const QList<Step>*> historyOf(const QString& file);
    Result<std::optional<QByteArray>> blobAt(const QString& commit, const QString& file);
    Result<git::Repository*> repository();
    // `history[index]` changed `found.file`: when it is a regeneration, `found` becomes the commit it
    // applied (and appliedBy the regeneration); otherwise `found` stays.
    Result<void> followRegeneration(BlamedCommit& found, const QList<Step>& history, qsizetype index);
    Result<std::optional<Release>> releaseAt(const QString& commit, const QString& file, const QString& name,
                                             const QString& environment);

    QString m_path;
    QString m_revision;
    int m_depth;
    git::BotRules m_bots;
    bool m_followRegenerations = true;
    std::unique_ptr<git::Repository> m_repo;
    QHash<QString, QList<Step>> m_histories;
    QHash<QString, std::optional<QByteArray>> m_blobs; // "commit:path" → bytes
};

} // namespace shiplog::core::environment
