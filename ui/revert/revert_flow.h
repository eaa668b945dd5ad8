#pragma once

// One revert through a pull request, from request to outcome, apart from any widget: the request
// (commit, target branch, mainline, forge and tokens), the two jobs (preview, then fetch + revert +
// push + pull request), their progress, cancel, and the outcome. RevertDialog is a view of it: it
// renders the state and forwards what the user types; tests drive the flow directly. The user's
// working tree, index, HEAD and branches are never touched (core/forge/revert_pull_request.h).
#include "core/forge/revert_pull_request.h"
#include "core/git/commit_info.h"
#include "core/jobs/job.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace shiplog::ui {

class KeychainTokenStore;

// What the user may edit before creating: empty branch and body take the core's defaults.
struct RevertDraft
{
    QString branch;
    QString title;
    QString body;
};

class RevertFlow : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,            // nothing asked yet, or abandoned
        ReadingTokens,   // the keychain is read once before the first job (it may prompt)
        Previewing,      // fetch the target branch and revert in memory
        Previewed,       // preview() holds what the revert would do (clean, conflict or already reverted)
        PreviewFailed,   // previewError() says why
        PreviewCanceled, // the user canceled the preview
        Creating,        // fetch, revert, push, open the pull request
        Finished,        // outcome() holds the result (canceled included)
    };
    Q_ENUM(State)

    // Which part of a draft create() refused.
    enum class Field
    {
        Title,
        Branch,
    };
    struct Problem
    {
        Field field;
        QString message;
    };

    struct CreateProgress; // the create job's stage and text, shared with the job (revert_flow.cpp)

    RevertFlow(const QString& repositoryPath, const core::git::CommitInfo& commit, QObject* parent = nullptr);
    ~RevertFlow() override; // discards the jobs: nothing of them arrives afterwards

    // Where tokens come from besides the keychain, and how the forge and git are asked (tests set
    // these; the defaults are the user's environment, `gh`, and git's credential helpers).
    void setTokenSources(const core::forge::TokenSources& sources);
    void setForgeOptions(const core::forge::ForgeOptions& options) { m_forgeOptions = options; }
    void setUseCredentialHelpers(bool use) { m_useCredentialHelpers = use; }
    // Reads the keychain again before the next job (after the user signed in).
    void reloadTokens() { m_tokensLoaded = false; }

    // The request: the branch the revert goes onto (empty: the remote's default) and, for a merge
    // commit, the 1-based parent kept. A successful preview sets the target to the branch it used.
    void setTargetBranch(const QString& branch) { m_targetBranch = branch.trimmed(); }
    void setMainline(int mainline) { m_mainline = mainline; }
    QString targetBranch() const { return m_targetBranch; }
    int mainline() const { return m_mainline; }

    // Previews (again) against the remote's tip; ignored while creating.
    void startPreview();
    // Creates the revert branch and the pull request from the previewed target. Returns why the
    // draft cannot be sent (nothing starts then); nullopt when it started or nothing can start.
    std::optional<Problem> create(const RevertDraft& draft);
    // Asks the running job to stop; it reports how far it got (stateChanged / finished).
    void cancel();
    // Forgets the flow without waiting (the dialog closes): the jobs wind down on the pool with
    // their own copies, and no signal of this flow arrives afterwards.
    void abandon();

    State state() const { return m_state; }
    bool isBusy() const;
    const QString& repositoryPath() const { return m_path; }
    const core::git::CommitInfo& commit() const { return m_commit; }
    const std::optional<core::forge::RevertPreview>& preview() const { return m_preview; }
    const QString& previewError() const { return m_previewError; }
    const std::optional<core::forge::RevertOutcome>& outcome() const { return m_outcome; }
    const QStringList& keychainErrors() const { return m_keychainErrors; }
    // While creating and after: the stage the job reached (0 fetch, 1 revert, 2 push, 3 open the
    // pull request, 4 done), read from the job as it goes (progress signals may skip a stage).
    int step() const;

signals:
    void stateChanged(shiplog::ui::RevertFlow::State state);
    // `value` on 0..500 (100 per stage), -1 when only the text changed; texts are scrubbed of secrets.
    void progress(int value, const QString& text);
    void finished(const shiplog::core::forge::RevertOutcome& outcome);

private:
    core::forge::RevertRequest request() const;
    void withTokens(std::function<void()> then);
    void setState(State state, const QString& text = {});
    void onProgress(int value, const QString& text);
    void pollStage();
    void onPreviewFinished(const core::Result<core::forge::RevertPreview>& result);
    void onCreateFinished(const std::optional<core::forge::RevertOutcome>& result);

    QString m_path;
    core::git::CommitInfo m_commit;
    QString m_targetBranch;
    int m_mainline = 0;
    core::forge::TokenSources m_tokenSources;
    core::forge::ForgeOptions m_forgeOptions;
    bool m_useCredentialHelpers = true;
    bool m_tokensLoaded = false;
    int m_generation = 0; // a keychain answer for an abandoned (or older) request is dropped
    QStringList m_keychainErrors;

    State m_state = State::Idle;
    // Where the create job is, written by it and read here (see revert_flow.cpp: Qt's progress
    // signals skip updates); polled while creating so that no stage or text goes unseen.
    std::shared_ptr<CreateProgress> m_stage;
    QTimer* m_poll;
    int m_shownValue = 0;
    QString m_shownText;
    std::optional<core::forge::RevertPreview> m_preview;
    QString m_previewError;
    std::optional<core::forge::RevertOutcome> m_outcome;

    KeychainTokenStore* m_keychain;
    core::jobs::Job<core::Result<core::forge::RevertPreview>> m_previewJob;
    core::jobs::Job<core::forge::RevertOutcome> m_createJob;
};

} // namespace shiplog::ui
