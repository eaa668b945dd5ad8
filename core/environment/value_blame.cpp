#include "core/environment/value_blame.h"

#include "core/git/history.h"
#include "core/git/objects.h"
#include "core/git/repository.h"

#include <optional>

namespace shiplog::core::environment {

ValueBlame::ValueBlame(QString repositoryPath, QString revision, int depth)
    : m_path(std::move(repositoryPath)), m_revision(std::move(revision)), m_depth(depth)
{
}

ValueBlame::~ValueBlame() = default;

ValueBlame::Predicate ValueBlame::containsText(const QString& text)
{
    const QByteArray needle = text.toUtf8();
    return [needle](const QByteArray& bytes) { return !needle.isEmpty() && bytes.contains(needle); };
}

Result<const QList<ValueBlame::Step>*> ValueBlame::historyOf(const QString& file)
{
    const auto found = m_histories.constFind(file);
    if (found != m_histories.cend())
        return &*found;
    git::HistoryQuery query;
    query.revision = m_revision.isEmpty() ? QStringLiteral("HEAD") : m_revision;
    query.pathPrefix = file;
    query.limit = m_depth;
    QList<Step> steps;
    auto walked = git::walkHistory(m_path, query, [&steps](git::CommitInfo&& commit) {
        steps.append(Step{commit.id, commit.parents.value(0), commit.subject, commit.committer.time,
                          commit.isMerge()});
        return true;
    });
    if (!walked)
        return std::unexpected(walked.error());
    return &*m_histories.insert(file, steps);
}

Result<std::optional<QByteArray>> ValueBlame::blobAt(const QString& commit, const QString& file)
{
    if (commit.isEmpty())
        return std::optional<QByteArray>();
    const QString key = commit + u':' + file;
    const auto found = m_blobs.constFind(key);
    if (found != m_blobs.cend())
        return *found;
    if (!m_repo) {
        auto repo = git::Repository::open(m_path);
        if (!repo)
            return std::unexpected(repo.error());
        m_repo = std::make_unique<git::Repository>(std::move(*repo));
    }
    auto id = git::ObjectId::fromString(commit);
    if (!id)
        return std::unexpected(id.error());
    auto blob = git::readBlobAtPath(*m_repo, *id, file);
    if (!blob)
        return std::unexpected(blob.error());
    m_blobs.insert(key, *blob);
    return *blob;
}

Result<BlamedCommit> ValueBlame::commitThatSet(const QStringList& files, const Predicate& holds)
{
    BlamedCommit best;
    for (const QString& file : files) {
        // A merge that brought the value from its side branch counts only when the branch's own
        // commit that set it is beyond the bound: the review wants the change, not the merge.
        std::optional<BlamedCommit> merge;
        auto history = historyOf(file);
        if (!history)
            return std::unexpected(history.error());
        for (const Step& step : **history) {
            if (step.time < best.time)
                break; // older than what another file already gave: newest first
            auto now = blobAt(step.commit, file);
            if (!now)
                return std::unexpected(now.error());
            if (!*now || !holds(**now))
                continue;
            auto before = blobAt(step.parent, file);
            if (!before)
                return std::unexpected(before.error());
            if (*before && holds(**before))
                continue;
            if (step.merge) {
                if (!merge)
                    merge = BlamedCommit{step.commit, step.subject, step.time, file};
                continue;
            }
            if (step.time > best.time)
                best = BlamedCommit{step.commit, step.subject, step.time, file};
            merge.reset();
            break;
        }
        if (merge && merge->time > best.time)
            best = *merge;
    }
    return best;
}

} // namespace shiplog::core::environment
