#include "core/forge/revert_text.h"

#include "core/forge/forge_client.h"

#include <QRegularExpression>

namespace shiplog::core::forge {

QString defaultRevertTitle(const QString& subject)
{
    return QStringLiteral("Revert \"%1\"").arg(subject);
}

int originalPullRequestNumber(const QString& message)
{
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("^Merge pull request #(\\d+) from")), // GitHub merge
        QRegularExpression(QStringLiteral("^Merged PR (\\d+):")),               // Azure DevOps
        QRegularExpression(QStringLiteral("See merge request \\S+!(\\d+)")),    // GitLab
        QRegularExpression(QStringLiteral("\\(pull request #(\\d+)\\)")),       // Bitbucket
        QRegularExpression(QStringLiteral("^[^\\n]*\\(#(\\d+)\\)\\s*(\\n|$)")), // GitHub/Gitea squash
    };
    for (const QRegularExpression& p : patterns) {
        const auto m = p.match(message);
        if (m.hasMatch())
            return m.captured(1).toInt();
    }
    return 0;
}

QString defaultRevertBody(const git::RevertResult& revert, const std::vector<AffectedFile>& files,
                          const ForgeRepo& repo, const QString& originalMessage)
{
    // The same sentence git writes in the commit message (first paragraph after the subject).
    QString body = revert.message.section(QStringLiteral("\n\n"), 1).trimmed();
    body.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (!files.empty()) {
        body += QStringLiteral("\n\nAffected files:\n");
        for (const AffectedFile& f : files) {
            const QString verb = f.kind == git::RevertedChange::Kind::Added     ? QStringLiteral("restored")
                                 : f.kind == git::RevertedChange::Kind::Deleted ? QStringLiteral("removed")
                                                                                : QStringLiteral("changed");
            body += QStringLiteral("- `%1` (%2)").arg(f.path, verb);
            if (!f.resources.isEmpty())
                body += QStringLiteral(": ") + f.resources.join(QStringLiteral(", "));
            body += QLatin1Char('\n');
        }
        body.chop(1);
    }
    if (repo.kind != ForgeKind::Unknown) {
        body += QStringLiteral("\n\nOriginal commit: ") + commitWebUrl(repo, revert.revertedId);
        if (const int number = originalPullRequestNumber(originalMessage); number > 0)
            body += QStringLiteral("\nOriginal pull request: ") + pullRequestWebUrl(repo, number);
    }
    return body + QLatin1Char('\n');
}

} // namespace shiplog::core::forge
