#include "ui/revert/keychain_token_store.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

namespace shiplog::ui {

namespace {

// The job's error as a sentence for the user: "no keychain" is told apart from other failures.
QString describe(const QKeychain::Job* job, const QString& host, const QString& action)
{
    switch (job->error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QObject::tr("The keychain refused to %1 the token for %2: %3")
            .arg(action, host, job->errorString());
    default:
        break;
    }
    // No Secret Service on the session bus (headless machines, minimal desktops) ends up here too.
    return QObject::tr("The system keychain is not available, so the token for %1 could not be %2 (%3). "
                       "Shiplog never stores "
                       "tokens in plain text: start a Secret Service (GNOME Keyring, KWallet) or set "
                       "GH_TOKEN / GITLAB_TOKEN instead.")
        .arg(host,
             action == QLatin1String("read")   ? QObject::tr("read")
             : action == QLatin1String("save") ? QObject::tr("saved")
                                               : QObject::tr("removed"),
             job->errorString());
}

template <typename JobType> JobType* prepare(JobType* job, const QString& key)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never: tokens go to a real keychain or nowhere
    job->setKey(key);
    return job;
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QObject* parent) : QObject(parent), m_service(serviceName()) {}

QString KeychainTokenStore::serviceName()
{
    return QStringLiteral("Shiplog forge tokens");
}

QString KeychainTokenStore::keyFor(const QString& host)
{
    return QStringLiteral("forge-token:") + host.trimmed().toLower();
}

void KeychainTokenStore::read(const QString& host, ReadDone done)
{
    auto* job = prepare(new QKeychain::ReadPasswordJob(m_service, this), keyFor(host));
    connect(job, &QKeychain::Job::finished, this, [host, done = std::move(done)](QKeychain::Job* j) {
        auto* readJob = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (j->error() == QKeychain::NoError)
            done(readJob->textData(), {});
        else
            done(std::nullopt, describe(j, host, tr("read")));
    });
    job->start();
}

void KeychainTokenStore::write(const QString& host, const QString& token, WriteDone done)
{
    auto* job = prepare(new QKeychain::WritePasswordJob(m_service, this), keyFor(host));
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this,
            [host, done = std::move(done)](QKeychain::Job* j) { done(describe(j, host, tr("save"))); });
    job->start();
}

void KeychainTokenStore::remove(const QString& host, WriteDone done)
{
    auto* job = prepare(new QKeychain::DeletePasswordJob(m_service, this), keyFor(host));
    connect(job, &QKeychain::Job::finished, this,
            [host, done = std::move(done)](QKeychain::Job* j) { done(describe(j, host, tr("remove"))); });
    job->start();
}

void KeychainTokenStore::readAll(const QStringList& hosts, ReadAllDone done)
{
    auto store = std::make_shared<core::forge::MemoryTokenStore>();
    auto errors = std::make_shared<QStringList>();
    auto remaining = std::make_shared<QStringList>(hosts);
    auto next = std::make_shared<std::function<void()>>();
    QPointer<KeychainTokenStore> self(this);
    // The pending read's callback holds the chain alive; the chain itself refers to it weakly.
    *next = [self, store, errors, remaining, weak = std::weak_ptr<std::function<void()>>(next), done]() {
        if (!self || remaining->isEmpty()) {
            done(store, *errors);
            return;
        }
        const QString host = remaining->takeFirst();
        self->read(host,
                   [store, errors, strong = weak.lock(), host](std::optional<QString> token, QString error) {
                       if (token && !token->isEmpty())
                           store->set(host, *token);
                       if (!error.isEmpty())
                           errors->append(error);
                       if (strong)
                           (*strong)();
                   });
    };
    (*next)();
}

} // namespace shiplog::ui
