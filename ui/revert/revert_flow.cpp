#include "ui/revert/revert_flow.h"

#include "core/common/secret_registry.h"
#include "core/forge/branch_name.h"
#include "core/forge/redact.h"
#include "ui/revert/forge_settings.h"
#include "ui/revert/keychain_token_store.h"

#include <QMutex>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace shiplog::ui {

namespace forge = core::forge;

// The create job's stage and latest text. Qt drops progress updates that come within 40 ms of the
// last one (QFutureInterface throttles them) and drops the result of a canceled job, so neither
// would tell the flow that the push is done when the next stage starts at once, or a cancel whether
// the branch was pushed.
struct RevertFlow::CreateProgress
{
    QMutex mutex;
    int step = 0;
    int value = 0;
    QString text;
};

namespace {

// core's revertViaPullRequestJob, writing its stage into `stage` beside the promise's progress.
void createJob(QPromise<forge::RevertOutcome>& promise, forge::RevertRequest request,
               std::shared_ptr<RevertFlow::CreateProgress> stage)
{
    promise.setProgressRange(0, 500);
    int last = 0;
    int sub = 0;
    int current = 0;
    forge::RevertOutcome outcome = forge::revertViaPullRequest(
        request,
        [&](int step, const QString& text) {
            // A value that only grows (Qt ignores one that does not), 100 per stage.
            sub = step == current ? std::min(sub + 1, 99) : 0;
            current = step;
            last = std::max(last + 1, step * 100 + sub);
            {
                QMutexLocker lock(&stage->mutex);
                stage->step = step;
                stage->value = last;
                stage->text = text;
            }
            promise.setProgressValueAndText(last, text);
        },
        [&] { return promise.isCanceled(); });
    promise.addResult(std::move(outcome));
}

} // namespace

RevertFlow::RevertFlow(const QString& repositoryPath, const core::git::CommitInfo& commit, QObject* parent)
    : QObject(parent), m_path(repositoryPath), m_commit(commit), m_mainline(commit.isMerge() ? 1 : 0),
      m_poll(new QTimer(this)), m_keychain(new KeychainTokenStore(this))
{
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &RevertFlow::pollStage);
    m_tokenSources.askGhCli = true;

    for (QFutureWatcherBase* watcher : {static_cast<QFutureWatcherBase*>(m_previewJob.watcher()),
                                        static_cast<QFutureWatcherBase*>(m_createJob.watcher())}) {
        connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
                [this](int v) { onProgress(v, {}); });
        connect(watcher, &QFutureWatcherBase::progressTextChanged, this,
                [this](const QString& t) { onProgress(-1, t); });
    }
    m_previewJob.onResult(
        this, [this](const core::Result<forge::RevertPreview>& result) { onPreviewFinished(result); });
    m_previewJob.onCanceled(this, [this] { setState(State::PreviewCanceled); });
    // Even when canceled: how far the revert got decides what the outcome says.
    m_createJob.onFinished(
        this, [this](const std::optional<forge::RevertOutcome>& outcome) { onCreateFinished(outcome); });
}

RevertFlow::~RevertFlow() = default; // the jobs discard themselves, without waiting

void RevertFlow::setTokenSources(const forge::TokenSources& sources)
{
    m_tokenSources = sources;
    m_tokensLoaded = false;
}

bool RevertFlow::isBusy() const
{
    return m_state == State::ReadingTokens || m_state == State::Previewing || m_state == State::Creating;
}

forge::RevertRequest RevertFlow::request() const
{
    forge::RevertRequest r;
    r.repoPath = m_path;
    r.commit = m_commit.id;
    r.mainline = m_commit.isMerge() ? m_mainline : 0;
    r.targetBranch = m_targetBranch;
    r.hostForges = forges::hostForges();
    r.hostApis = forges::hostApis();
    r.tokens = m_tokenSources;
    r.useCredentialHelpers = m_useCredentialHelpers;
    r.forgeOptions = m_forgeOptions;
    r.describeResources = &forge::describeManifestResources;
    if (const auto session = forges::sessionForge(m_path)) {
        // The demo: its forge runs inside this process; the token never leaves memory.
        r.forge = session->kind;
        r.forgeApi = session->apiUrl;
        r.forgeWeb = session->webRepo;
        core::rememberSecret(session->token); // whatever quotes it is scrubbed
        auto store = std::make_shared<forge::MemoryTokenStore>();
        store->set(QString(), session->token);
        r.tokens.store = store;
        r.tokens.askGhCli = false;
    }
    return r;
}

void RevertFlow::withTokens(std::function<void()> then)
{
    if (m_tokensLoaded || forges::sessionForge(m_path)) {
        then();
        return;
    }
    QStringList hosts;
    for (const forges::ForgeAccount& a : forges::accounts())
        hosts << a.host;
    if (hosts.isEmpty()) {
        m_tokensLoaded = true;
        then();
        return;
    }
    setState(State::ReadingTokens, tr("Reading tokens from the keychain…"));
    QPointer<RevertFlow> self(this);
    const int generation = ++m_generation;
    m_keychain->readAll(
        hosts, [self, generation, then](std::shared_ptr<forge::MemoryTokenStore> store, QStringList errors) {
            if (!self || self->m_generation != generation)
                return;
            self->m_tokenSources.store = store;
            self->m_keychainErrors = errors;
            self->m_tokensLoaded = true;
            then();
        });
}

void RevertFlow::startPreview()
{
    if (m_state == State::Creating)
        return;
    withTokens([this] {
        m_previewError.clear();
        setState(State::Previewing, tr("Fetching the target branch…"));
        m_previewJob.start(&forge::previewRevertJob, request());
    });
}

std::optional<RevertFlow::Problem> RevertFlow::create(const RevertDraft& draft)
{
    if (!m_preview || isBusy())
        return std::nullopt;
    forge::RevertRequest r = request();
    r.targetBranch = m_preview->targetBranch;
    r.branchName = draft.branch.trimmed();
    r.title = draft.title.trimmed();
    r.body = draft.body;
    if (r.title.isEmpty())
        return Problem{Field::Title, tr("The pull request needs a title.")};
    // As `git check-ref-format --branch`: "HEAD", "-x" or "refs/heads/main" would make a strange
    // branch on the remote.
    if (!r.branchName.isEmpty()) {
        if (const auto problem = forge::branchNameProblem(r.branchName))
            return Problem{Field::Branch,
                           tr("'%1' is not a valid branch name: it %2.").arg(r.branchName, *problem)};
    }
    m_outcome.reset();
    m_stage = std::make_shared<CreateProgress>();
    m_shownValue = 0;
    m_shownText.clear();
    setState(State::Creating, tr("Starting…"));
    m_createJob.start(&createJob, r, m_stage);
    m_poll->start();
    return std::nullopt;
}

void RevertFlow::cancel()
{
    if (m_state == State::ReadingTokens) {
        ++m_generation; // the keychain's answer no longer starts anything
        setState(m_preview ? State::Previewed : State::PreviewCanceled);
        return;
    }
    if (m_state != State::Previewing && m_state != State::Creating)
        return;
    if (m_state == State::Previewing)
        m_previewJob.cancel();
    else
        m_createJob.cancel();
    emit progress(-1, tr("Canceling…"));
}

void RevertFlow::abandon()
{
    ++m_generation;
    m_poll->stop();
    m_previewJob.discard();
    m_createJob.discard();
    m_state = State::Idle; // silently: nothing of this flow arrives after it was abandoned
}

void RevertFlow::setState(State state, const QString& text)
{
    m_state = state;
    if (state != State::Creating)
        m_poll->stop();
    emit stateChanged(state);
    if (!text.isEmpty())
        emit progress(0, text);
}

int RevertFlow::step() const
{
    if (!m_stage)
        return 0;
    QMutexLocker lock(&m_stage->mutex);
    return m_stage->step;
}

void RevertFlow::pollStage()
{
    if (m_state != State::Creating || !m_stage) {
        m_poll->stop();
        return;
    }
    int value = 0;
    QString text;
    {
        QMutexLocker lock(&m_stage->mutex);
        value = m_stage->value;
        text = m_stage->text;
    }
    if (value > m_shownValue)
        onProgress(value, {});
    if (!text.isEmpty() && text != m_shownText)
        onProgress(-1, text);
}

void RevertFlow::onProgress(int value, const QString& text)
{
    if (value >= 0)
        m_shownValue = value;
    if (!text.isEmpty())
        m_shownText = text;
    // Core scrubs its texts already; the flow's promise is that none of its signals carries a secret.
    emit progress(value, text.isEmpty() ? text : forge::scrubSecrets(text));
}

void RevertFlow::onPreviewFinished(const core::Result<forge::RevertPreview>& result)
{
    if (!result) {
        m_preview.reset();
        m_previewError = forge::scrubSecrets(result.error().message);
        setState(State::PreviewFailed);
        return;
    }
    m_preview = *result;
    m_targetBranch = m_preview->targetBranch;
    setState(State::Previewed);
}

void RevertFlow::onCreateFinished(const std::optional<forge::RevertOutcome>& result)
{
    forge::RevertOutcome outcome;
    if (result) {
        outcome = *result;
    } else {
        // A canceled job's result is dropped (Qt ignores results reported after a cancel); the
        // stage it had reached tells whether the branch was already pushed.
        outcome.status = forge::RevertStatus::Canceled;
        outcome.message = step() >= 3
                              ? tr("Canceled after the branch was pushed: no pull request was opened.")
                              : tr("Canceled.");
    }
    outcome.message = forge::scrubSecrets(outcome.message);
    m_outcome = outcome;
    setState(State::Finished);
    emit finished(outcome);
}

} // namespace shiplog::ui
