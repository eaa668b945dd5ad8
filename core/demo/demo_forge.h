#pragma once

// The demo's forge: a GitHub-API-compatible stand-in on loopback (REVERT.md's wire format) that
// records the pull requests Shiplog opens against the demo's bare origin and serves a small web page
// for each, so a user of `shiplog --demo` can click through the whole revert flow offline.
#include "core/common/error.h"

#include <QDateTime>
#include <QString>
#include <memory>
#include <vector>

namespace shiplog::core::demo {

struct DemoPullRequest
{
    int number = 0;
    QString title;
    QString body;
    QString head;
    QString base;
    QString url; // the page this forge serves for it
    QDateTime created;
};

// Speaks, as GitHub does (REST v3, `Authorization: Bearer T`):
//   POST /repos/{owner}/{repo}/pulls {title, head, base, body} → 201 {number, html_url, …};
//     401 without the token; 422 "A pull request already exists for owner:head." for an open
//     duplicate; 422 when head is not a branch of the origin or equals base.
//   GET  /repos/{owner}/{repo}/pulls?head=owner:branch&base=B&state=open → the open ones.
// Web pages: /{owner}/{repo}/pull/{n}, /{owner}/{repo}/commit/{id}, /{owner}/{repo}/pulls.
// Runs on its own thread; every method is thread-safe.
class DemoForge
{
public:
    DemoForge();
    ~DemoForge();
    DemoForge(const DemoForge&) = delete;
    DemoForge& operator=(const DemoForge&) = delete;

    // Listens on 127.0.0.1 (any free port). `originPath` is the bare repository the pulls point at.
    Result<void> start(const QString& originPath, const QString& token);
    void stop();

    QString apiUrl() const;  // "http://127.0.0.1:PORT" (the GitHub API base)
    QString webRepo() const; // "http://127.0.0.1:PORT/shiplog-demo/environment"
    std::vector<DemoPullRequest> pullRequests() const;

    static QString owner() { return QStringLiteral("shiplog-demo"); }
    static QString repository() { return QStringLiteral("environment"); }

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace shiplog::core::demo
