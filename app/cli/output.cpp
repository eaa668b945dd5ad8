#include "app/cli/output.h"

#include "core/forge/redact.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

namespace shiplog::app {

namespace {

// stdout/stderr behind the scrubber: text is held until a line is complete (a secret is never cut
// in two), then written scrubbed. Every CLI output channel passes here.
class ScrubbingDevice : public QIODevice
{
public:
    explicit ScrubbingDevice(FILE* file) : m_file(file)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    ~ScrubbingDevice() override { flushLines(true); }

    void flushLines(bool all)
    {
        const qsizetype end = all ? m_pending.size() : m_pending.lastIndexOf('\n') + 1;
        if (end <= 0)
            return;
        const QByteArray text = core::forge::scrubSecrets(QString::fromUtf8(m_pending.left(end))).toUtf8();
        m_pending.remove(0, end);
        std::fwrite(text.constData(), 1, size_t(text.size()), m_file);
        std::fflush(m_file);
    }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 size) override
    {
        m_pending.append(data, size);
        flushLines(false);
        return size;
    }

private:
    FILE* m_file;
    QByteArray m_pending;
};

ScrubbingDevice& stdoutDevice()
{
    static ScrubbingDevice device(stdout);
    return device;
}

ScrubbingDevice& stderrDevice()
{
    static ScrubbingDevice device(stderr);
    return device;
}

} // namespace

QTextStream& out()
{
    static QTextStream stream(&stdoutDevice());
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(&stderrDevice());
    return stream;
}

void flushOutput()
{
    out().flush();
    err().flush();
    stdoutDevice().flushLines(true);
    stderrDevice().flushLines(true);
}

int reportError(const core::Error& error)
{
    return reportError(error.message);
}

int reportError(const QString& message)
{
    out().flush();
    err() << "shiplog: error: " << printable(message, true) << Qt::endl;
    return ExitError;
}

QString printable(const QString& text, bool keepNewlines)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0);
        // Bidirectional overrides and isolates reorder what a terminal shows (CVE-2021-42574).
        const bool bidi =
            (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e || u == 0x200f;
        if ((!control && !bidi) || (keepNewlines && (u == u'\n' || u == u'\t'))) {
            result += c;
            continue;
        }
        switch (u) {
        case u'\n':
            result += QStringLiteral("\\n");
            break;
        case u'\r':
            result += QStringLiteral("\\r");
            break;
        case u'\t':
            result += QStringLiteral("\\t");
            break;
        case 0x1b:
            result += QStringLiteral("\\e");
            break;
        default:
            result += u < 0x100 ? QStringLiteral("\\x%1").arg(unsigned(u), 2, 16, QLatin1Char('0'))
                                : QStringLiteral("\\u%1").arg(unsigned(u), 4, 16, QLatin1Char('0'));
        }
    }
    return result;
}

QString jsonText(const QJsonValue& value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

void printJsonLine(const QJsonObject& object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
}

} // namespace shiplog::app
