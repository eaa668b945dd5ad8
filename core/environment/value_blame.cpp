#include "core/environment/value_blame.h"

#include "core/git/history.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_walk.h"

#include <QRegularExpression>
#include <optional>

namespace shiplog::core::environment {

namespace {

const QString kConfigRoot = QStringLiteral("config-root/");
const QString kNamespaces = QStringLiteral("config-root/namespaces/");

// "helmfiles/jx-staging/helmfile.yaml": a Jenkins X release definition (what a promotion edits).
bool isHelmfile(const QString& path)
{
    return path.startsWith(QLatin1String("helmfiles/")) &&
           (path.endsWith(QLatin1String("/helmfile.yaml")) || path.endsWith(QLatin1String("/helmfile.yml")));
}

// The release a rendered file belongs to: helm's `meta.helm.sh/release-name` annotation, which
// `jx gitops helmfile template` keeps on every object; else the folder jx writes it in
// (config-root/namespaces/<ns>/<release>/x.yaml; chart-crds/<release>.yaml).
QString releaseOf(const QByteArray& text, const QString& file)
{
    static const QRegularExpression annotation(
        QStringLiteral("^\\s*meta\\.helm\\.sh/release-name:\\s*['\"]?([^'\"\\s#]+)"),
        QRegularExpression::MultilineOption);
    const auto match = annotation.match(QString::fromUtf8(text));
    if (match.hasMatch())
        return match.captured(1);
    if (!file.startsWith(kNamespaces))
        return {};
    const QStringList parts = file.mid(kNamespaces.size()).split(u'/');
    if (parts.size() != 3)
        return {};
    if (parts.at(1) == u"chart-crds")
        return parts.at(2).section(u'.', 0, 0);
    return parts.at(1);
}

} // namespace

ValueBlame::ValueBlame(QString repositoryPath, QString revision, int depth, git::BotRules bots)
    : m_path(std::move(repositoryPath)), m_revision(std::move(revision)), m_depth(depth),
      m_bots(std::move(bots))
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
    auto walked = git::walkHistory(m_path, query, [this, &steps](git::CommitInfo&& commit) {
        steps.append(Step{commit.id, commit.grafted ? QString() : commit.parents.value(0), commit.subject,
                          commit.committer.time, commit.isMerge(), m_bots.matches(commit)});
        return true;
    });
    if (!walked)
        return std::unexpected(walked.error());
    return &*m_histories.insert(file, steps);
}

Result<git::Repository*> ValueBlame::repository()
{
    if (!m_repo) {
        auto repo = git::Repository::open(m_path);
        if (!repo)
            return std::unexpected(repo.error());
        m_repo = std::make_unique<git::Repository>(std::move(*repo));
    }
    return m_repo.get();
}

Result<std::optional<QByteArray>> ValueBlame::blobAt(const QString& commit, const QString& file)
{
    if (commit.isEmpty())
        return std::optional<QByteArray>();
    const QString key = commit + u':' + file;
    const auto found = m_blobs.constFind(key);
    if (found != m_blobs.cend())
        return *found;
    auto repo = repository();
    if (!repo)
        return std::unexpected(repo.error());
    auto id = git::ObjectId::fromString(commit);
    if (!id)
        return std::unexpected(id.error());
    auto blob = git::readBlobAtPath(**repo, *id, file);
    if (!blob)
        return std::unexpected(blob.error());
    m_blobs.insert(key, *blob);
    return *blob;
}

Result<std::optional<Release>> ValueBlame::releaseAt(const QString& commit, const QString& file,
                                                     const QString& name, const QString& environment)
{
    auto bytes = blobAt(commit, file);
    if (!bytes)
        return std::unexpected(bytes.error());
    if (!*bytes)
        return std::optional<Release>();
    auto releases = parseHelmfile(**bytes, file);
    if (!releases)
        return std::unexpected(releases.error());
    for (const Release& release : *releases)
        if (release.name == name && (environment.isEmpty() || release.environment == environment))
            return std::optional<Release>(release);
    return std::optional<Release>();
}

Result<void> ValueBlame::followRegeneration(BlamedCommit& found, const QList<Step>& history, qsizetype index)
{
    const Step& regeneration = history.at(index);
    if (!m_followRegenerations || !regeneration.bot || regeneration.merge || regeneration.parent.isEmpty() ||
        !found.file.startsWith(kConfigRoot))
        return {};
    auto repo = repository();
    if (!repo)
        return std::unexpected(repo.error());
    auto id = git::ObjectId::fromString(regeneration.commit);
    if (!id)
        return std::unexpected(id.error());
    // A bot commit that edits a release itself is the promotion, not a regeneration of one.
    auto delta = git::deltaToParent(**repo, *id, 0, git::FileFilter{{QStringLiteral("helmfiles")}, {}});
    if (!delta)
        return std::unexpected(delta.error());
    for (const auto* side : {&delta->before, &delta->after})
        for (const git::FileVersion& f : *side)
            if (isHelmfile(f.path))
                return {};

    // The release that renders the file, as the helmfiles stood when the bot rendered it.
    auto rendered = blobAt(regeneration.commit, found.file);
    if (!rendered)
        return std::unexpected(rendered.error());
    const QString name = *rendered ? releaseOf(**rendered, found.file) : QString();
    if (name.isEmpty())
        return {};
    const QString ns = found.file.startsWith(kNamespaces)
                           ? found.file.mid(kNamespaces.size()).section(u'/', 0, 0)
                           : QString();
    auto releases = readReleases(**repo, regeneration.parent);
    if (!releases)
        return std::unexpected(releases.error());
    std::optional<Release> release;
    for (const Release& r : *releases) {
        if (r.name != name || (!ns.isEmpty() && r.environment != ns))
            continue;
        if (release)
            return {}; // two releases of that name (cluster-level file): not one answer
        release = r;
    }
    if (!release)
        return {};

    // Changes made before the file's previous rendering were rendered then; only newer ones are what
    // this regeneration applied. No previous rendering within the bound: the regeneration created
    // the file, or the bound hides the previous one (then nothing is claimed).
    QString previous;
    if (index + 1 < history.size()) {
        previous = history.at(index + 1).commit;
    } else {
        auto before = blobAt(regeneration.parent, found.file);
        if (!before)
            return std::unexpected(before.error());
        if (*before)
            return {};
    }
    std::optional<git::ObjectId> previousId;
    if (!previous.isEmpty()) {
        auto parsed = git::ObjectId::fromString(previous);
        if (!parsed)
            return std::unexpected(parsed.error());
        previousId = *parsed;
    }

    git::HistoryQuery query;
    query.revision = regeneration.parent;
    query.paths = QStringList{release->file} + release->values;
    query.limit = m_depth;
    std::optional<BlamedCommit> source, merge;
    std::optional<Error> failed;
    auto walked = git::walkHistory(m_path, query, [&](git::CommitInfo&& commit) {
        const auto fail = [&failed](const Error& e) {
            failed = e;
            return false;
        };
        auto commitId = git::ObjectId::fromString(commit.id);
        if (!commitId)
            return fail(commitId.error());
        if (previousId) {
            auto rendered = git::isAncestor(**repo, *commitId, *previousId);
            if (!rendered)
                return fail(rendered.error());
            if (*rendered)
                return true; // the previous rendering had it already (older side commits may follow)
        }
        const QString parent = commit.grafted ? QString() : commit.parents.value(0);
        auto now = releaseAt(commit.id, release->file, release->name, release->environment);
        if (!now)
            return fail(now.error());
        auto then = releaseAt(parent, release->file, release->name, release->environment);
        if (!then)
            return fail(then.error());
        const auto entry = [](const std::optional<Release>& r) { return r ? r->entry : QByteArray(); };
        bool changed = entry(*now) != entry(*then);
        if (!changed && !m_bots.matches(commit)) {
            // Not the entry: one of its values files (a bot rewriting generated values is not a cause).
            for (const QString& values : release->values) {
                auto a = blobAt(commit.id, values);
                if (!a)
                    return fail(a.error());
                auto b = blobAt(parent, values);
                if (!b)
                    return fail(b.error());
                if (*a != *b) {
                    changed = true;
                    break;
                }
            }
        }
        if (!changed)
            return true;
        const BlamedCommit candidate{commit.id, commit.subject, commit.committer.time, release->file, {}, {}};
        if (commit.isMerge()) {
            // A merge that brought the change: its branch's own commit is the one to name.
            if (!merge)
                merge = candidate;
            return true;
        }
        source = candidate;
        return false;
    });
    if (failed)
        return std::unexpected(*failed);
    if (!walked)
        return std::unexpected(walked.error());
    if (!source)
        source = merge;
    if (!source)
        return {}; // nothing in the release changed since the last rendering: the regeneration it is
    found.appliedBy = found.id;
    found.appliedBySubject = found.subject;
    found.id = source->id;
    found.subject = source->subject;
    found.time = source->time;
    return {};
}

Result<BlamedCommit> ValueBlame::commitThatSet(const QStringList& files, const Predicate& holds)
{
    BlamedCommit best;
    QString bestFile; // whose history holds best (m_histories' values move when it grows)
    qsizetype bestIndex = -1;
    for (const QString& file : files) {
        // A merge that brought the value from its side branch counts only when the branch's own
        // commit that set it is beyond the bound: the review wants the change, not the merge.
        std::optional<BlamedCommit> merge;
        qsizetype mergeIndex = -1;
        auto history = historyOf(file);
        if (!history)
            return std::unexpected(history.error());
        for (qsizetype i = 0; i < (*history)->size(); ++i) {
            const Step& step = (*history)->at(i);
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
                if (!merge) {
                    merge = BlamedCommit{step.commit, step.subject, step.time, file, {}, {}};
                    mergeIndex = i;
                }
                continue;
            }
            if (step.time > best.time) {
                best = BlamedCommit{step.commit, step.subject, step.time, file, {}, {}};
                bestFile = file;
                bestIndex = i;
            }
            merge.reset();
            break;
        }
        if (merge && merge->time > best.time) {
            best = *merge;
            bestFile = file;
            bestIndex = mergeIndex;
        }
    }
    if (!bestFile.isEmpty()) {
        const QList<Step> history = m_histories.value(bestFile);
        if (auto followed = followRegeneration(best, history, bestIndex); !followed)
            return std::unexpected(followed.error());
    }
    return best;
}

} // namespace shiplog::core::environment
