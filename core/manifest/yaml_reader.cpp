#include "core/manifest/yaml_reader.h"

#include "core/manifest/yaml_scalar.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <sstream>
#include <vector>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace shiplog::core::manifest {

namespace {

// Thrown from inside the event handler to stop yaml-cpp's parser at once.
struct Abort
{
    int line = 0;
    QString message;
};

struct Anchored
{
    QJsonValue value;
    qint64 nodes = 0; // expanded size, so that an alias costs what it would cost expanded
};

class JsonBuilder final : public YAML::EventHandler
{
public:
    explicit JsonBuilder(const ReadLimits& limits) : m_limits(limits) {}

    QList<YamlDocument> documents;

    void OnDocumentStart(const YAML::Mark& mark) override
    {
        m_frames.clear();
        m_documentLine = mark.line;
        m_haveRoot = false;
    }
    void OnDocumentEnd() override
    {
        documents.append(YamlDocument{m_haveRoot ? m_root : QJsonValue(QJsonValue::Null), m_documentLine});
    }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        countNodes(mark, 1, false);
        if (anchor)
            m_anchors.insert(anchor, Anchored{QJsonValue(QJsonValue::Null), 1});
        addScalar(mark, std::string(), QJsonValue(QJsonValue::Null), true);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.constFind(anchor);
        if (it == m_anchors.constEnd())
            throw Abort{mark.line,
                        QStringLiteral("an alias refers to an anchor that is not defined before it")};
        countNodes(mark, it->nodes, true);
        if (it->value.isObject() || it->value.isArray())
            addNode(mark, it->value, false);
        else
            addScalar(mark, it->value.isString() ? it->value.toString().toStdString() : std::string(),
                      it->value, false);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        countNodes(mark, 1, false);
        const QJsonValue resolved = resolveScalar(tag, value);
        if (anchor)
            m_anchors.insert(anchor, Anchored{resolved, 1});
        addScalar(mark, value, resolved, tag == "?");
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, false, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, true, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame
    {
        bool isMap = false;
        QJsonObject object;
        QJsonArray array;
        QString key;
        bool haveKey = false;
        bool keyIsMerge = false;
        QList<QJsonObject> merges; // `<<: *base` — applied at the end, explicit keys win
        YAML::anchor_t anchor = 0;
        qint64 startNodes = 0;
        int line = 0;
    };

    void countNodes(const YAML::Mark& mark, qint64 n, bool throughAlias)
    {
        m_nodes += n;
        if (throughAlias) {
            m_aliasNodes += n;
            if (m_aliasNodes > m_limits.maxAliasExpandedNodes)
                throw Abort{mark.line,
                            QStringLiteral("aliases expand to more than %1 nodes (an alias bomb?); "
                                           "Shiplog refuses to expand it")
                                .arg(m_limits.maxAliasExpandedNodes)};
        }
    }

    void open(const YAML::Mark& mark, bool isMap, YAML::anchor_t anchor)
    {
        if (!m_frames.empty() && m_frames.back().isMap && !m_frames.back().haveKey)
            throw Abort{mark.line, QStringLiteral("a mapping key is itself a mapping or a sequence")};
        if (int(m_frames.size()) >= m_limits.maxDepth)
            throw Abort{mark.line, QStringLiteral("nesting is deeper than %1 levels").arg(m_limits.maxDepth)};
        countNodes(mark, 1, false);
        Frame frame;
        frame.isMap = isMap;
        frame.anchor = anchor;
        frame.startNodes = m_nodes - 1;
        frame.line = mark.line;
        m_frames.push_back(std::move(frame));
    }

    void close()
    {
        Frame frame = std::move(m_frames.back());
        m_frames.pop_back();
        QJsonValue value;
        if (frame.isMap) {
            for (const QJsonObject& merged : std::as_const(frame.merges)) {
                for (auto it = merged.begin(); it != merged.end(); ++it) {
                    if (!frame.object.contains(it.key()))
                        frame.object.insert(it.key(), it.value());
                }
            }
            value = frame.object;
        } else {
            value = frame.array;
        }
        if (frame.anchor)
            m_anchors.insert(frame.anchor, Anchored{value, m_nodes - frame.startNodes});
        addNode(YAML::Mark(), value, false, frame.line);
    }

    void addScalar(const YAML::Mark& mark, const std::string& raw, const QJsonValue& value, bool plain)
    {
        if (!m_frames.empty() && m_frames.back().isMap && !m_frames.back().haveKey) {
            Frame& frame = m_frames.back();
            // Keys become JSON member names the way sigs.k8s.io/yaml makes them.
            if (value.isBool())
                frame.key = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
            else if (value.isNull())
                frame.key = QStringLiteral("null");
            else
                frame.key = QString::fromStdString(raw);
            frame.keyIsMerge = plain && raw == "<<";
            frame.haveKey = true;
            return;
        }
        addNode(mark, value, plain, mark.line);
    }

    void addNode(const YAML::Mark& mark, const QJsonValue& value, bool, int line = -1)
    {
        if (m_frames.empty()) {
            m_root = value;
            m_haveRoot = true;
            if (line >= 0)
                m_documentLine = line;
            return;
        }
        Frame& frame = m_frames.back();
        if (!frame.isMap) {
            frame.array.append(value);
            return;
        }
        if (!frame.haveKey)
            throw Abort{mark.line, QStringLiteral("a mapping key is itself a mapping or a sequence")};
        if (frame.keyIsMerge && value.isObject()) {
            frame.merges.append(value.toObject());
        } else if (frame.keyIsMerge && value.isArray()) {
            for (const QJsonValue& item : value.toArray()) {
                if (item.isObject())
                    frame.merges.append(item.toObject());
            }
        } else {
            frame.object.insert(frame.key, value);
        }
        frame.haveKey = false;
        frame.keyIsMerge = false;
    }

    const ReadLimits m_limits;
    std::vector<Frame> m_frames;
    QHash<YAML::anchor_t, Anchored> m_anchors;
    QJsonValue m_root;
    bool m_haveRoot = false;
    int m_documentLine = 0;
    qint64 m_nodes = 0;
    qint64 m_aliasNodes = 0;
};

} // namespace

YamlReadResult readYamlDocuments(const std::string& text, const ReadLimits& limits)
{
    std::istringstream stream(text);
    JsonBuilder builder(limits);
    try {
        YAML::Parser parser(stream);
        // yaml-cpp 0.7 keeps returning empty documents without consuming a stray token (`,` at the
        // start of a line: jbeder/yaml-cpp#1040, fixed upstream in 0.8 by #1319); found by our fuzzer.
        // Callers pass one `---` slice at a time, so a handful of documents is already generous.
        int documents = 0;
        while (parser.HandleNextDocument(builder)) {
            if (++documents > limits.maxDocuments)
                return YamlReadResult{
                    {},
                    ParseError{
                        QString(), builder.documents.isEmpty() ? 0 : builder.documents.back().line,
                        QStringLiteral("invalid YAML: the parser makes no progress (a stray token?)")}};
        }
    } catch (const Abort& abort) {
        return YamlReadResult{{}, ParseError{QString(), abort.line, abort.message}};
    } catch (const YAML::DeepRecursion& e) {
        return YamlReadResult{
            {},
            ParseError{QString(), e.mark.line,
                       QStringLiteral("nesting is deeper than %1 levels").arg(limits.maxDepth)}};
    } catch (const YAML::Exception& e) {
        const int column = e.mark.column + 1;
        return YamlReadResult{{},
                              ParseError{QString(), e.mark.line,
                                         QStringLiteral("invalid YAML: %1 (column %2)")
                                             .arg(QString::fromStdString(e.msg))
                                             .arg(column)}};
    } catch (const std::exception& e) {
        return YamlReadResult{
            {},
            ParseError{QString(), 0,
                       QStringLiteral("cannot read YAML: %1").arg(QString::fromUtf8(e.what()))}};
    }
    return YamlReadResult{std::move(builder.documents), std::nullopt};
}

} // namespace shiplog::core::manifest
