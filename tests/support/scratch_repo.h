#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace shiplog::test {

// The outcome of running a program: exit code and what it printed.
struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs `program arguments` in `workingDirectory`, waiting up to `timeoutMs`.
ProcessResult run(const QString& program, const QStringList& arguments, const QString& workingDirectory = {},
                  const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
                  int timeoutMs = 120000, const QByteArray& input = {});

// Runs the built `shiplog` binary.
ProcessResult runShiplog(const QStringList& arguments, const QString& workingDirectory = {});

// A git repository in a temporary folder, driven through the real `git` command line, with a fixed
// identity and no influence from the machine's global git configuration.
class ScratchRepo
{
public:
    explicit ScratchRepo(bool bare = false);
    QString path() const { return m_dir.path(); }
    QString filePath(const QString& relative) const { return m_dir.filePath(relative); }

    // Runs git in the repository; fails the current test (QVERIFY semantics via qFatal-free check).
    QByteArray git(const QStringList& arguments, const QProcessEnvironment& extra = {}) const;
    ProcessResult tryGit(const QStringList& arguments, const QProcessEnvironment& extra = {}) const;

    void write(const QString& relative, const QByteArray& content) const;
    void remove(const QString& relative) const;
    // git add -A && git commit with the given author and date ("2024-05-01T10:00:00+02:00").
    QString commit(const QString& message,
                   const QString& author = QStringLiteral("Ada Lovelace <ada@example.com>"),
                   const QString& date = {}) const;

    static QProcessEnvironment gitEnvironment();

private:
    QTemporaryDir m_dir;
};

} // namespace shiplog::test
