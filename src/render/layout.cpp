#include "render/layout.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "render/data_binding.h"
#include "render/utf8.h"

namespace ceres::render {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr double kMinimumShrink = 0.6;
constexpr size_t kUnlimited = static_cast<size_t>(1) << 20;

// Template members are read on every page of a batch: found in place rather than through Poco's
// accessors, which copy the value first.
const Poco::Dynamic::Var* member(const Object::Ptr& object, std::string_view key) {
    if (!object) return nullptr;
    for (auto it = object->begin(); it != object->end(); ++it)
        if (it->first == key) return &it->second;
    return nullptr;
}

double number(const Object::Ptr& object, std::string_view key, double fallback) {
    const Poco::Dynamic::Var* value = member(object, key);
    return value ? value->convert<double>() : fallback;
}

std::string text(const Object::Ptr& object, std::string_view key, const std::string& fallback = {}) {
    const Poco::Dynamic::Var* value = member(object, key);
    if (!value) return fallback;
    return value->type() == typeid(std::string) ? value->extract<std::string>() : value->convert<std::string>();
}

Object::Ptr object(const Object::Ptr& parent, std::string_view key) {
    const Poco::Dynamic::Var* value = member(parent, key);
    return value && value->type() == typeid(Object::Ptr) ? value->extract<Object::Ptr>() : Object::Ptr();
}

Array::Ptr array(const Object::Ptr& parent, std::string_view key) {
    const Poco::Dynamic::Var* value = member(parent, key);
    return value && value->type() == typeid(Array::Ptr) ? value->extract<Array::Ptr>() : Array::Ptr();
}

std::vector<Object::Ptr> objects(const Array::Ptr& list) {
    std::vector<Object::Ptr> items;
    for (unsigned i = 0; list && i < list->size(); ++i) items.push_back(list->getObject(i));
    return items;
}

// `#` inside a placeholder stands for the index of the column-group item (`{{results.#}}`).
std::string bindIndex(const std::string& cell, size_t index) {
    std::string bound;
    bool inside = false;
    for (size_t i = 0; i < cell.size(); ++i) {
        if (cell.compare(i, 2, "{{") == 0) inside = true;
        if (cell.compare(i, 2, "}}") == 0) inside = false;
        if (inside && cell[i] == '#')
            bound += std::to_string(index);
        else
            bound.push_back(cell[i]);
    }
    return bound;
}

// As std::getline reads them: a final newline ends the last line rather than starting one.
std::vector<std::string> splitLines(const std::string& value) {
    std::vector<std::string> lines;
    for (size_t start = 0; start < value.size();) {
        const size_t end = std::min(value.find('\n', start), value.size());
        lines.emplace_back(value, start, end - start);
        start = end + 1;
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
}

Color parseColor(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') return {};
    auto channel = [&](size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0; };
    return {channel(1), channel(3), channel(5)};
}

struct Rect {
    double x = 0, y = 0, width = 0, height = 0;
};

Rect rectOf(const Object::Ptr& box) {
    return {number(box, "x", 0), number(box, "y", 0), number(box, "width", 0), number(box, "height", 0)};
}

Box frame(double x, double y, double width, double height) {
    Box box;
    box.x = x, box.y = y, box.width = width, box.height = height;
    return box;
}

Line rule(double x1, double y1, double x2, double y2) {
    Line line;
    line.x1 = x1, line.y1 = y1, line.x2 = x2, line.y2 = y2;
    return line;
}

enum class Align { Left, Center, Right, Justify };

Align alignOf(const std::string& name) {
    if (name == "center") return Align::Center;
    if (name == "right") return Align::Right;
    if (name == "justify") return Align::Justify;
    return Align::Left;
}

// Text ready to draw: lines already broken, style possibly shrunk.
struct Paragraph {
    std::vector<std::string> lines;
    TextStyle style;
};

struct Column {
    std::string header, cell;
    double width = 0;
    Align align = Align::Left;
    std::string overflow;
    size_t max_lines = kUnlimited;
};

// The language of a name written in another script than the document's French: Arabic, Hebrew,
// Chinese, Japanese (kana) or Korean (hangul). Empty when the text holds none of those scripts.
// Ideographs alone are taken as Chinese: a Japanese name in kanji only cannot be told apart.
std::string scriptLanguage(std::string_view utf8) {
    bool han = false;
    for (size_t i = 0; i < utf8.size(); ++i) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        if (lead < 0xD6) continue;  // ASCII, Latin, Greek, Cyrillic, Armenian: nothing to mark
        const Utf8Text decoded = domain::decodeUtf8Replacing(utf8.substr(i));
        han = false;
        for (const char32_t c : decoded.chars) {
            if ((c >= 0x0600 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
                return "ar";
            if (c >= 0x0590 && c <= 0x05FF) return "he";
            if (c >= 0xFB1D && c <= 0xFB4F) return "he";
            if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) return "ja";
            if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
                return "ko";
            if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
                han = true;
        }
        return han ? "zh" : "";
    }
    return "";
}

bool hasLatinLetter(std::string_view utf8) {
    for (const char c : utf8)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return false;
}

// The structure role a block gets when its template names none ("" adds no element: the
// block's content belongs to the enclosing element).
std::string defaultRole(const std::string& type) {
    if (type == "text") return "P";
    if (type == "fields" || type == "table") return "Table";
    if (type == "list") return "L";
    if (type == "signatures") return "Div";
    if (type == "barcode" || type == "image" || type == "bars") return "Figure";
    if (type == "rule") return "Artifact";
    return "";
}

class Layouter {
public:
    Layouter(Typesetter& typesetter, const Template& document_template, const Object::Ptr& data,
             const Slots& slots)
        : typesetter_(typesetter),
          template_(document_template),
          definition_(document_template.definition()),
          data_(data),
          slots_(slots) {
        readGeometry();
    }

    LayoutResult run() {
        Scope scope(data_);
        StructElement root;
        root.role = "Document";
        model_.structure.push_back(std::move(root));
        element_ = 0;
        newPage();
        for (const Object::Ptr& block : objects(array(definition_, "body"))) place(block, scope);
        decoratePages(scope);
        LayoutResult result;
        result.model = std::move(model_);
        result.warnings = std::move(warnings_);
        for (const std::string& name : scope.missing())
            result.warnings.push_back("no value for {{" + name + "}}");
        return result;
    }

private:
    void readGeometry() {
        Object::Ptr page = object(definition_, "page");
        page_width_ = number(page, "width", 595.276);
        page_height_ = number(page, "height", 841.89);
        if (text(page, "orientation") == "landscape") std::swap(page_width_, page_height_);
        Object::Ptr margins = object(page, "margins");
        left_ = number(margins, "left", 40);
        right_ = page_width_ - number(margins, "right", 40);
        header_top_ = number(margins, "top", 40);
        const double footer_bottom = page_height_ - number(margins, "bottom", 40);
        body_top_ = header_top_ + number(object(definition_, "header"), "height", 0);
        body_bottom_ = footer_bottom - number(object(definition_, "footer"), "height", 0);
    }

    const TextStyle& style(const std::string& name) const { return template_.style(name); }

    Page& page() { return model_.pages[current_page_]; }

    // Content of the current element (or an artifact when there is none).
    void emit(Item item) { emitTagged(std::move(item), element_); }
    // Frames, rules, cell shading: artifacts, pagination ones in the header and footer.
    void decoration(Item item) { emitTagged(std::move(item), element_ == kPagination ? kPagination : kArtifact); }

    void emitTagged(Item item, int tag) {
        Page& current = page();
        // Consecutive items of one element on a page make one marked-content sequence: the PDF
        // writer groups them the same way.
        if (tag >= 0 && (current.tags.empty() || current.tags.back() != tag))
            model_.structure[static_cast<size_t>(tag)].kids.push_back(kContentRun);
        current.items.push_back(std::move(item));
        current.tags.push_back(tag);
    }

    // A new element under the current one; under an artifact, content stays an artifact.
    int open(const std::string& role, int parent) {
        if (parent < 0) return parent;
        StructElement element;
        element.role = role;
        element.parent = parent;
        model_.structure.push_back(std::move(element));
        const int index = static_cast<int>(model_.structure.size() - 1);
        model_.structure[static_cast<size_t>(parent)].kids.push_back(index);
        return index;
    }
    int open(const std::string& role) { return open(role, element_); }

    StructElement* elementAt(int index) {
        return index >= 0 ? &model_.structure[static_cast<size_t>(index)] : nullptr;
    }

    // The current element for the life of the object.
    class Within {
    public:
        Within(Layouter& layouter, int element) : layouter_(layouter), saved_(layouter.element_) {
            layouter.element_ = element;
        }
        ~Within() { layouter_.element_ = saved_; }
        Within(const Within&) = delete;
        Within& operator=(const Within&) = delete;

    private:
        Layouter& layouter_;
        int saved_;
    };

    void newPage() {
        Page fresh;
        fresh.width = page_width_;
        fresh.height = page_height_;
        model_.pages.push_back(std::move(fresh));
        current_page_ = model_.pages.size() - 1;
        y_ = body_top_;
        if (on_new_page_) on_new_page_();
    }

    // Starts a new page unless `height` still fits; header and footer areas never break.
    void ensureSpace(double height) {
        if (in_margin_area_ || y_ + height <= body_bottom_ + 0.01 || y_ <= body_top_ + 0.01) return;
        newPage();
    }

    void place(const Object::Ptr& block, const Scope& scope) {
        if (block->has("when") && !scope.truthy(text(block, "when"))) return;
        if (block->has("unless") && scope.truthy(text(block, "unless"))) return;
        y_ += number(block, "space_before", 0);
        // Below a fixed area drawn in a box (an envelope window), however short the text above.
        if (!in_margin_area_ && current_page_ == 0 && member(block, "y_at_least")) y_ = std::max(y_, number(block, "y_at_least", 0));
        const std::string type = text(block, "type", "text");
        role_ = text(block, "role", defaultRole(type));
        Within within(*this, role_ == "Artifact" && element_ >= 0 ? kArtifact : element_);
        if (role_ == "Artifact") role_.clear();
        if (type == "text")
            textBlock(block, scope);
        else if (type == "fields")
            fieldsBlock(block, scope);
        else if (type == "table")
            tableBlock(block, scope);
        else if (type == "list")
            listBlock(block, scope);
        else if (type == "signatures")
            signaturesBlock(block, scope);
        else if (type == "rule")
            ruleBlock(block);
        else if (type == "barcode")
            barcodeBlock(block, scope);
        else if (type == "image")
            imageBlock(block, scope);
        else if (type == "bars")
            barsBlock(block, scope);
        else if (type == "repeat")
            repeatBlock(block, scope);
        else if (type == "group")
            groupBlock(block, scope);
        else if (type == "page_break")
            newPage();
        else
            throw std::runtime_error("template block of unknown type \"" + type + "\"");
        y_ += number(block, "space_after", 0);
    }

    // Wraps at spaces and hyphens, then shrinks (down to `min_scale` of the size) what would not
    // fit the width, the height or the line count asked for: text in a box or with overflow
    // "shrink" shrinks for either, any other text only for a word wider than its line. Nothing is
    // ever cut: text still too long at the smallest size keeps every line, and is reported.
    Paragraph fit(const std::string& value, TextStyle style, double width, double height,
                  const std::string& overflow, size_t max_lines, double min_scale = kMinimumShrink) {
        const double smallest = style.size * min_scale;
        for (;;) {
            bool split_word = false;
            Paragraph paragraph = breakLines(value, style, width, split_word);
            size_t allowed = max_lines;
            if (height > 0)
                allowed =
                    std::min(allowed, static_cast<size_t>(height / typesetter_.lineHeight(style) + 0.01));
            allowed = std::max<size_t>(allowed, 1);
            const bool too_many_lines = paragraph.lines.size() > allowed;
            if (!too_many_lines && !split_word) return paragraph;
            const bool may_shrink = split_word || overflow == "shrink" || height > 0;
            if (may_shrink && style.size * 0.92 >= smallest - 1e-9) {
                style.size *= 0.92;
                continue;
            }
            if (split_word) warnings_.push_back("a word wider than its line was split: " + value);
            if (too_many_lines) warnings_.push_back("text longer than its space, printed whole: " + value);
            return paragraph;
        }
    }

    Paragraph breakLines(const std::string& value, const TextStyle& style, double width, bool& split_word) {
        Paragraph paragraph{{}, style};
        for (const std::string& source : splitLines(value)) {
            bool split = false;
            for (std::string& line : typesetter_.wrap(source, style, width, &split))
                paragraph.lines.push_back(std::move(line));
            split_word |= split;
        }
        return paragraph;
    }

    // Draws one line in the line box whose top is `top`.
    void drawLine(const std::string& line, const TextStyle& style, double x, double top, double width,
                  Align align, bool last_line) {
        if (line.empty()) return;
        ShapedLine shaped = typesetter_.shape(line, style);
        if (align == Align::Justify && !last_line) Typesetter::justify(shaped, width);
        double start = x;
        if (align == Align::Center) start += (width - shaped.width) / 2;
        if (align == Align::Right) start += width - shaped.width;
        const double baseline = top + typesetter_.baselineOffset(style);
        // Right-to-left runs come in visual order: the line's logical text is the /ActualText
        // of a span holding them. A name in another script is a span with its /Lang.
        int line_tag = element_;
        const bool right_to_left = std::any_of(shaped.runs.begin(), shaped.runs.end(),
                                               [](const TextRun& run) { return run.right_to_left; });
        const std::string line_language = element_ >= 0 ? scriptLanguage(line) : std::string();
        const bool one_language = !line_language.empty() && !hasLatinLetter(line);
        if (element_ >= 0 && (right_to_left || one_language)) {
            line_tag = open("Span");
            if (right_to_left) elementAt(line_tag)->actual_text = line;
            if (one_language) elementAt(line_tag)->lang = line_language;
        }
        int span = line_tag;
        std::string span_language;
        for (TextRun& run : shaped.runs) {
            run.x += start;
            run.y = baseline;
            int tag = line_tag;
            if (!line_language.empty() && !one_language && line_tag >= 0) {
                const std::string language = scriptLanguage(run.text);
                if (language.empty()) {
                    span_language.clear();
                } else {
                    if (language != span_language) {
                        span = open("Span", line_tag);
                        elementAt(span)->lang = language;
                        span_language = language;
                    }
                    tag = span;
                }
            }
            emitTagged(std::move(run), tag);
        }
    }

    double paragraphHeight(const Paragraph& paragraph) const {
        return static_cast<double>(paragraph.lines.size()) * typesetter_.lineHeight(paragraph.style);
    }

    void drawParagraph(const Paragraph& paragraph, double x, double top, double width, Align align) {
        const double line_height = typesetter_.lineHeight(paragraph.style);
        for (size_t i = 0; i < paragraph.lines.size(); ++i)
            drawLine(paragraph.lines[i], paragraph.style, x, top + static_cast<double>(i) * line_height,
                     width, align, i + 1 == paragraph.lines.size());
    }

    std::string blockText(const Object::Ptr& block, const Scope& scope) {
        Array::Ptr lines = array(block, "lines");
        if (!lines) return scope.substitute(text(block, "text"));
        std::string joined;
        for (unsigned i = 0; i < lines->size(); ++i) {
            std::string line = scope.substitute(lines->getElement<std::string>(i));
            if (line.find_first_not_of(' ') == std::string::npos) continue;
            if (!joined.empty()) joined += "\n";
            joined += line;
        }
        return joined;
    }

    void textBlock(const Object::Ptr& block, const Scope& scope) {
        const std::string value = blockText(block, scope);
        Within within(*this, value.empty() || role_.empty() ? element_ : open(role_));
        const TextStyle base = style(text(block, "style"));
        const Align align = alignOf(text(block, "align"));
        const std::string overflow = text(block, "overflow", "wrap");
        const auto max_lines = static_cast<size_t>(number(block, "max_lines", overflow == "shrink" ? 1 : kUnlimited));
        const double min_scale = number(block, "min_scale", kMinimumShrink);
        if (Object::Ptr box = object(block, "box")) {
            Rect area = rectOf(box);
            const double padding = number(block, "padding", 0);
            if (block->has("border") && block->getValue<bool>("border"))
                decoration(frame(area.x, area.y, area.width, area.height));
            Paragraph paragraph =
                fit(value, base, area.width - 2 * padding, area.height - 2 * padding, overflow, max_lines, min_scale);
            drawParagraph(paragraph, area.x + padding, area.y + padding, area.width - 2 * padding, align);
            return;
        }
        const double indent = number(block, "indent", 0);
        const double width = number(block, "width", right_ - left_ - indent);
        Paragraph paragraph = fit(value, base, width, 0, overflow, max_lines, min_scale);
        const double line_height = typesetter_.lineHeight(paragraph.style);
        for (size_t i = 0; i < paragraph.lines.size(); ++i) {
            ensureSpace(line_height);
            drawLine(paragraph.lines[i], paragraph.style, left_ + indent, y_, width, align,
                     i + 1 == paragraph.lines.size());
            y_ += line_height;
        }
    }

    void fieldsBlock(const Object::Ptr& block, const Scope& scope) {
        const TextStyle label_style = style(text(block, "label_style", "label"));
        const TextStyle value_style = style(text(block, "style"));
        const double label_width = number(block, "label_width", 150);
        const double value_width = right_ - left_ - label_width;
        const double gap = number(block, "row_gap", 2);
        // A table of two columns: each label is the header (scope Row) of its value.
        const int table = role_.empty() ? element_ : open(role_);
        for (const Object::Ptr& row : objects(array(block, "rows"))) {
            if (row->has("when") && !scope.truthy(text(row, "when"))) continue;
            if (row->has("unless") && scope.truthy(text(row, "unless"))) continue;
            const int table_row = open("TR", table);
            const int header_cell = open("TH", table_row);
            if (StructElement* th = elementAt(header_cell)) th->scope = "Row";
            const int value_cell = open("TD", table_row);
            const std::string value = scope.substitute(text(row, "value"));
            Paragraph label =
                fit(scope.substitute(text(row, "label")), label_style, label_width - 6, 0, "wrap", kUnlimited);
            Paragraph content = fit(value, value_style, value_width, 0, text(row, "overflow", "wrap"), kUnlimited);
            const double height = std::max(paragraphHeight(label), paragraphHeight(content));
            Within in_table(*this, table);
            ensureSpace(height);
            {
                Within in_cell(*this, header_cell);
                drawParagraph(label, left_, y_, label_width - 6, Align::Left);
            }
            Within in_cell(*this, value_cell);
            drawParagraph(content, left_ + label_width, y_, value_width, Align::Left);
            y_ += height + gap;
        }
    }

    std::vector<Column> columns(const Object::Ptr& block, const Scope& scope) {
        std::vector<Column> result;
        std::vector<double> weights;
        for (const Object::Ptr& spec : objects(array(block, "columns"))) {
            auto add = [&](const Scope& item_scope, size_t index) {
                Column column;
                column.header = item_scope.substitute(bindIndex(text(spec, "header"), index));
                column.cell = bindIndex(text(spec, "cell"), index);
                column.align = alignOf(text(spec, "align"));
                column.overflow = text(spec, "overflow", "wrap");
                column.max_lines =
                    static_cast<size_t>(number(spec, "max_lines", column.overflow == "shrink" ? 1 : kUnlimited));
                result.push_back(column);
                weights.push_back(number(spec, "width", 1));
            };
            if (!spec->has("each")) {
                add(scope, 0);
                continue;
            }
            auto items = scope.array(text(spec, "each"));
            for (size_t i = 0; i < items.size(); ++i) add(Scope(scope, items[i]), i);
        }
        double total = 0;
        for (double weight : weights) total += weight;
        for (size_t i = 0; i < result.size(); ++i) result[i].width = (right_ - left_) * weights[i] / total;
        return result;
    }

    // Cells of one row, laid out; the row is as tall as its tallest cell.
    struct Row {
        std::vector<Paragraph> cells;
        double height = 0;
    };

    Row tableRow(const std::vector<Column>& cols, const std::vector<std::string>& values,
                 const TextStyle& cell_style, double padding, bool header) {
        Row row;
        double tallest = 0;
        for (size_t i = 0; i < cols.size(); ++i) {
            const std::string& overflow = header ? std::string("wrap") : cols[i].overflow;
            row.cells.push_back(fit(values[i], cell_style, cols[i].width - 2 * padding, 0, overflow,
                                    header ? kUnlimited : cols[i].max_lines));
            tallest = std::max(tallest, paragraphHeight(row.cells.back()));
        }
        row.height = tallest + 2 * padding;
        return row;
    }

    // `table_row` is the row's TR, its cells `cell_role` ("TH": column headers); kArtifact draws
    // the row as an artifact (a header row repeated on a continuation page).
    void drawRow(const std::vector<Column>& cols, const Row& row, double padding, bool shaded, int table_row,
                 const char* cell_role) {
        double x = left_;
        for (size_t i = 0; i < cols.size(); ++i) {
            Within in_row(*this, table_row);
            Box cell = frame(x, y_, cols[i].width, row.height);
            cell.fill = shaded;
            cell.fill_color = {0.88, 0.9, 0.94};
            decoration(cell);
            const int cell_element = open(cell_role);
            if (StructElement* th = elementAt(cell_element); th && th->role == "TH") th->scope = "Column";
            Within in_cell(*this, cell_element);
            drawParagraph(row.cells[i], x + padding, y_ + padding, cols[i].width - 2 * padding,
                          cols[i].align);
            x += cols[i].width;
        }
        y_ += row.height;
    }

    void tableBlock(const Object::Ptr& block, const Scope& scope) {
        const std::vector<Column> cols = columns(block, scope);
        const TextStyle cell_style = style(text(block, "style"));
        const double padding = number(block, "padding", 3);
        std::vector<std::string> headers;
        for (const Column& column : cols) headers.push_back(column.header);
        const Row header =
            tableRow(cols, headers, style(text(block, "header_style", "table_header")), padding, true);
        const int parent = element_;
        const int table = role_.empty() ? element_ : open(role_);
        Within in_table(*this, table);

        ensureSpace(header.height * 2);
        drawRow(cols, header, padding, true, open("TR", table), "TH");
        // Every page the table continues on starts with its header row again, as an artifact:
        // the structure has it once.
        on_new_page_ = [&] { drawRow(cols, header, padding, true, table < 0 ? table : kArtifact, "TH"); };
        const auto rows = scope.array(text(block, "rows"));
        std::vector<std::string> values(cols.size());
        for (const auto& item : rows) {
            Scope row_scope(scope, item);
            for (size_t i = 0; i < cols.size(); ++i) values[i] = row_scope.substitute(cols[i].cell);
            Row row = tableRow(cols, values, cell_style, padding, false);
            ensureSpace(row.height);  // a row is never split across pages
            drawRow(cols, row, padding, false, open("TR", table), "TD");
        }
        on_new_page_ = nullptr;
        if (rows.empty() && block->has("empty")) {
            Within in_parent(*this, open("P", parent));
            Paragraph empty =
                fit(scope.substitute(text(block, "empty")), cell_style, right_ - left_, 0, "wrap", kUnlimited);
            drawParagraph(empty, left_ + padding, y_ + padding, right_ - left_, Align::Left);
            y_ += paragraphHeight(empty) + 2 * padding;
        }
    }

    void listBlock(const Object::Ptr& block, const Scope& scope) {
        const TextStyle item_style = style(text(block, "style"));
        const std::string item_text = text(block, "item", "\u2022 {{.}}");
        const double indent = number(block, "indent", 12);
        const double line_height = typesetter_.lineHeight(item_style);
        const int list = role_.empty() ? element_ : open(role_);
        for (const auto& item : scope.array(text(block, "items"))) {
            Scope item_scope(scope, item);
            Within in_item(*this, open("LBody", open("LI", list)));
            Paragraph paragraph =
                fit(item_scope.substitute(item_text), item_style, right_ - left_ - indent, 0, "wrap", kUnlimited);
            for (const std::string& line : paragraph.lines) {
                ensureSpace(line_height);
                drawLine(line, item_style, left_ + indent, y_, right_ - left_ - indent, Align::Left, true);
                y_ += line_height;
            }
        }
    }

    void signaturesBlock(const Object::Ptr& block, const Scope& scope) {
        const TextStyle label_style = style(text(block, "style"));
        const auto per_row = static_cast<size_t>(std::max(1.0, number(block, "columns", 3)));
        const double gap = 10;
        const double box_width =
            (right_ - left_ - gap * static_cast<double>(per_row - 1)) / static_cast<double>(per_row);
        const double box_height = number(block, "height", 60);
        const std::string label = text(block, "label", "{{.}}");
        const auto label_lines = static_cast<size_t>(number(block, "label_lines", 2));
        std::vector<std::string> labels;
        for (const auto& item : scope.array(text(block, "items")))
            labels.push_back(Scope(scope, item).substitute(label));
        for (const Object::Ptr& extra : objects(array(block, "extra")))
            labels.push_back(scope.substitute(text(extra, "label")));
        const int boxes = role_.empty() ? element_ : open(role_);
        for (size_t start = 0; start < labels.size(); start += per_row) {
            ensureSpace(box_height);
            for (size_t i = start; i < std::min(labels.size(), start + per_row); ++i) {
                const double x = left_ + static_cast<double>(i - start) * (box_width + gap);
                Within in_boxes(*this, boxes);
                decoration(frame(x, y_, box_width, box_height));
                Within in_label(*this, open("P"));
                Paragraph paragraph = fit(labels[i], label_style, box_width - 8,
                                          typesetter_.lineHeight(label_style) * label_lines, "wrap", label_lines);
                drawParagraph(paragraph, x + 4, y_ + 3, box_width - 8, Align::Left);
            }
            y_ += box_height + gap;
        }
    }

    // Blocks that belong together ("keep_together": a synthesis, the signatures with their "Fait
    // à" line): laid out where they are, and laid out again on a new page if they broke across
    // pages; a group taller than a page breaks where it must.
    void groupBlock(const Object::Ptr& block, const Scope& scope) {
        const auto children = objects(array(block, "blocks"));
        const bool keep = member(block, "keep_together") && block->getValue<bool>("keep_together");
        const size_t first_page = current_page_;
        const size_t first_item = page().items.size();
        const size_t warnings = warnings_.size();
        const double top = y_;
        // Laid out again elsewhere, the group's elements are made again too.
        const std::vector<StructElement> structure = keep ? model_.structure : std::vector<StructElement>();
        const std::string role = role_;
        const int parent = element_;
        Within within(*this, role.empty() ? element_ : open(role));
        for (const Object::Ptr& child : children) place(child, scope);
        if (!keep || current_page_ == first_page || top <= body_top_ + 0.01) return;
        model_.pages.resize(first_page + 1);
        current_page_ = first_page;
        page().items.resize(first_item);
        page().tags.resize(first_item);
        model_.structure = structure;
        warnings_.resize(warnings);
        newPage();
        if (!role.empty()) element_ = open(role, parent);
        for (const Object::Ptr& child : children) place(child, scope);
    }

    // The child blocks once per item of an array, the item being the innermost scope.
    void repeatBlock(const Object::Ptr& block, const Scope& scope) {
        const std::string role = role_;
        for (const auto& item : scope.array(text(block, "items"))) {
            Scope item_scope(scope, item);
            Within within(*this, role.empty() ? element_ : open(role));
            for (const Object::Ptr& child : objects(array(block, "blocks"))) place(child, item_scope);
        }
    }

    void ruleBlock(const Object::Ptr& block) {
        ensureSpace(2);
        Line line = rule(left_, y_, right_, y_);
        line.width = number(block, "width", 0.5);
        decoration(line);
    }

    // A figure's alternative text, from the block's "alt".
    void figure(const Object::Ptr& block, const Scope& scope, Item item) {
        Within within(*this, role_.empty() ? element_ : open(role_));
        if (StructElement* element = elementAt(element_)) element->alt = scope.substitute(text(block, "alt"));
        emit(std::move(item));
    }

    void barcodeBlock(const Object::Ptr& block, const Scope& scope) {
        const std::string slot = text(block, "slot");
        auto found = slots_.barcodes.find(slot);
        if (found == slots_.barcodes.end()) {
            warnings_.push_back("no barcode for slot \"" + slot + "\"");
            return;
        }
        Rect area = rectOf(object(block, "box"));
        Barcode code;
        code.x = area.x, code.y = area.y, code.width = area.width, code.height = area.height;
        code.modules = found->second;
        figure(block, scope, std::move(code));
    }

    void imageBlock(const Object::Ptr& block, const Scope& scope) {
        const std::string slot = text(block, "slot");
        auto found = slots_.images.find(slot);
        if (found == slots_.images.end()) {
            warnings_.push_back("no image for slot \"" + slot + "\"");
            return;
        }
        Rect area = rectOf(object(block, "box"));
        Image picture = found->second;
        picture.x = area.x, picture.y = area.y, picture.width = area.width, picture.height = area.height;
        figure(block, scope, std::move(picture));
    }

    // A vertical bar chart: one bar per item, its value above, its label below.
    void barsBlock(const Object::Ptr& block, const Scope& scope) {
        const auto items = scope.array(text(block, "items"));
        if (items.empty()) return;
        const TextStyle label_style = style(text(block, "style"));
        const double line_height = typesetter_.lineHeight(label_style);
        const double chart_height = number(block, "height", 150);
        ensureSpace(chart_height + 3 * line_height);
        std::vector<double> values;
        for (const auto& item : items)
            values.push_back(
                std::max(0.0, Scope(scope, item).lookup(text(block, "value")).convert<double>()));
        const double highest = std::max(1.0, *std::max_element(values.begin(), values.end()));
        const double slot_width = (right_ - left_) / static_cast<double>(items.size());
        const double bar_area = chart_height - line_height;
        const double axis = y_ + chart_height;
        const Color fill = parseColor(text(block, "color", "#2E5C8A"));
        // The chart's figures as text: "label : value" for each bar.
        Within within(*this, role_.empty() ? element_ : open(role_));
        if (StructElement* chart = elementAt(element_)) {
            std::string figures;
            for (size_t i = 0; i < items.size(); ++i) {
                Scope item_scope(scope, items[i]);
                if (i > 0) figures += " ; ";
                std::string label = item_scope.substitute(text(block, "label"));
                std::replace(label.begin(), label.end(), '\n', ' ');  // a label on two lines reads as one
                figures += label + " : " +
                           toText(item_scope.lookup(text(block, "value")));
            }
            const std::string caption = scope.substitute(text(block, "alt"));
            chart->alt = (caption.empty() ? figures : caption + " — " + figures) + ".";
        }
        double label_height = line_height;
        for (size_t i = 0; i < items.size(); ++i) {
            Scope item_scope(scope, items[i]);
            const double x = left_ + static_cast<double>(i) * slot_width;
            const double height = bar_area * values[i] / highest;
            Box bar = frame(x + slot_width * 0.2, axis - height, slot_width * 0.6, height);
            bar.stroke = false, bar.fill = true, bar.fill_color = fill;
            emit(bar);
            drawLine(toText(item_scope.lookup(text(block, "value"))), label_style, x,
                     axis - height - line_height, slot_width, Align::Center, true);
            const Paragraph label =
                fit(item_scope.substitute(text(block, "label")), label_style, slot_width - 2, 0, "shrink", 2);
            drawParagraph(label, x + 1, axis + 1, slot_width - 2, Align::Center);
            label_height = std::max(label_height, paragraphHeight(label));
        }
        emit(rule(left_, axis, right_, axis));
        y_ = axis + label_height + 2;
    }

    // Header and footer need the page count, so they are drawn once the body is laid out.
    void decoratePages(Scope& scope) {
        on_new_page_ = nullptr;
        in_margin_area_ = true;
        Within pagination(*this, kPagination);
        const std::string pages = std::to_string(model_.pages.size());
        for (size_t i = 0; i < model_.pages.size(); ++i) {
            current_page_ = i;
            scope.setVariable("page", std::to_string(i + 1));
            scope.setVariable("pages", pages);
            y_ = header_top_;
            for (const Object::Ptr& block : objects(array(object(definition_, "header"), "blocks")))
                place(block, scope);
            y_ = body_bottom_;
            for (const Object::Ptr& block : objects(array(object(definition_, "footer"), "blocks")))
                place(block, scope);
        }
        in_margin_area_ = false;
    }

    Typesetter& typesetter_;
    const Template& template_;
    Object::Ptr definition_;
    Object::Ptr data_;
    const Slots& slots_;
    PageModel model_;
    size_t current_page_ = 0;
    double page_width_ = 0, page_height_ = 0;
    double left_ = 0, right_ = 0, header_top_ = 0, body_top_ = 0, body_bottom_ = 0;
    double y_ = 0;
    bool in_margin_area_ = false;
    int element_ = kArtifact;  // where content goes: an index in model_.structure, or an artifact kind
    std::string role_;         // the role of the block being placed ("" when it adds no element)
    std::function<void()> on_new_page_;
    std::vector<std::string> warnings_;
};

// Every "overflow" of a template is one the layout knows: an old "ellipsis" (which cut text)
// is refused when the template is loaded, not discovered on a document.
void checkOverflows(const Poco::Dynamic::Var& node, const std::string& name) {
    if (node.type() == typeid(Array::Ptr)) {
        const Array::Ptr list = node.extract<Array::Ptr>();
        for (unsigned i = 0; list && i < list->size(); ++i) checkOverflows(list->get(i), name);
        return;
    }
    if (node.type() != typeid(Object::Ptr)) return;
    const Object::Ptr object = node.extract<Object::Ptr>();
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (it->first == "overflow" && it->second.toString() != "wrap" && it->second.toString() != "shrink")
            throw std::runtime_error("template " + name + ": overflow \"" + it->second.toString() +
                                     "\" is not one of wrap, shrink (text is never cut)");
        checkOverflows(it->second, name);
    }
}

// The roles a block of each type may take ("role" in templates/README.md).
const std::vector<std::string>& rolesFor(const std::string& type) {
    static const std::map<std::string, std::vector<std::string>> kRoles = {
        {"text", {"P", "H1", "H2", "H3", "H4", "H5", "H6", "Caption", "Note", "BlockQuote", "Artifact"}},
        {"fields", {"Table", "Artifact"}},
        {"table", {"Table", "Artifact"}},
        {"list", {"L", "Artifact"}},
        {"signatures", {"Div", "Sect", "Artifact"}},
        {"group", {"Div", "Sect", "Part", "Art", "Artifact"}},
        {"repeat", {"Div", "Sect", "Part", "Art", "Artifact"}},
        {"barcode", {"Figure", "Artifact"}},
        {"image", {"Figure", "Artifact"}},
        {"bars", {"Figure", "Artifact"}},
        {"rule", {"Artifact"}},
        {"page_break", {}},
    };
    static const std::vector<std::string> kNone;
    auto found = kRoles.find(type);
    return found != kRoles.end() ? found->second : kNone;
}

std::string joined(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    return list.empty() ? "none" : list;
}

// Every "role" is a structure type the block can take, named by JSON Pointer when it is not; a
// figure says what it shows ("alt"); the header and footer are artifacts.
void checkRoles(const Array::Ptr& blocks, const std::string& pointer, const std::string& source, bool margin) {
    static const std::vector<std::string> kKnown = {"P",     "H1",      "H2",   "H3",         "H4",   "H5",
                                                    "H6",    "Caption", "Note", "BlockQuote", "Table", "L",
                                                    "Figure", "Div",    "Sect", "Part",       "Art",  "Artifact"};
    for (unsigned i = 0; blocks && i < blocks->size(); ++i) {
        if (blocks->get(i).type() != typeid(Object::Ptr)) continue;
        const Object::Ptr block = blocks->getObject(i);
        const std::string at = pointer + "/" + std::to_string(i);
        const std::string type = text(block, "type", "text");
        const std::string role = text(block, "role", defaultRole(type));
        if (member(block, "role")) {
            if (std::find(kKnown.begin(), kKnown.end(), role) == kKnown.end())
                throw std::runtime_error("template " + source + ": " + at + "/role: unknown role \"" + role +
                                         "\" (one of " + joined(kKnown) + ")");
            const auto& allowed = rolesFor(type);
            if (std::find(allowed.begin(), allowed.end(), role) == allowed.end())
                throw std::runtime_error("template " + source + ": " + at + "/role: a \"" + type +
                                         "\" block cannot be \"" + role + "\" (one of " + joined(allowed) + ")");
            if (margin && role != "Artifact")
                throw std::runtime_error("template " + source + ": " + at + "/role: the header and footer are artifacts, not \"" + role + "\"");
        }
        if (!margin && role == "Figure" && (type == "barcode" || type == "image") && text(block, "alt").empty())
            throw std::runtime_error("template " + source + ": " + at + "/alt: a figure needs an alternative text");
        if (Array::Ptr children = array(block, "blocks")) checkRoles(children, at + "/blocks", source, margin);
    }
}

// The keys each part of a template may have (templates/README.md): a key the layout does not
// read is refused at start, named by file and JSON Pointer, instead of being silently ignored
// (a misspelt "max_line" would otherwise print every line).
using Keys = std::vector<std::string_view>;

const Keys kBlockKeys = {"type", "role", "when", "unless", "space_before", "space_after", "y_at_least"};
const Keys kBoxKeys = {"x", "y", "width", "height"};

const std::map<std::string, Keys, std::less<>>& keysOfBlockTypes() {
    static const std::map<std::string, Keys, std::less<>> kKeys = {
        {"text", {"text", "lines", "style", "align", "overflow", "max_lines", "min_scale", "box", "padding", "border",
                  "indent", "width"}},
        {"fields", {"rows", "style", "label_style", "label_width", "row_gap"}},
        {"table", {"columns", "rows", "style", "header_style", "padding", "empty"}},
        {"list", {"items", "item", "style", "indent"}},
        {"signatures", {"items", "label", "extra", "style", "columns", "height", "label_lines"}},
        {"group", {"blocks", "keep_together"}},
        {"repeat", {"blocks", "items"}},
        {"rule", {"width"}},
        {"barcode", {"slot", "box", "alt"}},
        {"image", {"slot", "box", "alt"}},
        {"bars", {"items", "value", "label", "style", "color", "height", "alt"}},
        {"page_break", {}},
    };
    return kKeys;
}

// Parts of a block that are objects themselves, or lists of objects: their own keys.
const std::map<std::pair<std::string_view, std::string_view>, Keys>& keysOfParts() {
    static const std::map<std::pair<std::string_view, std::string_view>, Keys> kKeys = {
        {{"text", "box"}, kBoxKeys},
        {{"barcode", "box"}, kBoxKeys},
        {{"image", "box"}, kBoxKeys},
        {{"fields", "rows"}, {"label", "value", "overflow", "when", "unless"}},
        {{"table", "columns"}, {"header", "cell", "align", "overflow", "max_lines", "width", "each"}},
        {{"signatures", "extra"}, {"label"}},
    };
    return kKeys;
}

[[noreturn]] void unknownKey(const std::string& source, const std::string& at, const std::string& key,
                             const Keys& known) {
    std::string list;
    for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
    throw std::runtime_error("template " + source + ": " + at + "/" + key + ": unknown key \"" + key + "\" (one of " +
                             (list.empty() ? "none" : list) + ")");
}

// Every key of `object` is one of `known`, of `also`.
void checkKeysOf(const Object::Ptr& object, const Keys& known, const Keys& also, const std::string& at,
                 const std::string& source) {
    if (!object) return;
    for (auto it = object->begin(); it != object->end(); ++it) {
        const bool listed = std::find(known.begin(), known.end(), it->first) != known.end() ||
                            std::find(also.begin(), also.end(), it->first) != also.end();
        if (!listed) {
            Keys all = also;
            all.insert(all.end(), known.begin(), known.end());
            unknownKey(source, at, it->first, all);
        }
    }
}

void checkBlocks(const Array::Ptr& blocks, const std::string& pointer, const std::string& source) {
    for (unsigned i = 0; blocks && i < blocks->size(); ++i) {
        const std::string at = pointer + "/" + std::to_string(i);
        if (blocks->get(i).type() != typeid(Object::Ptr))
            throw std::runtime_error("template " + source + ": " + at + ": a block is an object");
        const Object::Ptr block = blocks->getObject(i);
        const std::string type = text(block, "type", "text");
        const auto known = keysOfBlockTypes().find(type);
        if (known == keysOfBlockTypes().end()) {
            std::string list;
            for (const auto& [name, keys] : keysOfBlockTypes()) list += (list.empty() ? "" : ", ") + name;
            throw std::runtime_error("template " + source + ": " + at + "/type: unknown block type \"" + type +
                                     "\" (one of " + list + ")");
        }
        checkKeysOf(block, known->second, kBlockKeys, at, source);
        for (const auto& [part, keys] : keysOfParts()) {
            if (part.first != type) continue;
            const Poco::Dynamic::Var* value = member(block, part.second);
            if (!value) continue;
            const std::string part_at = at + "/" + std::string(part.second);
            if (value->type() == typeid(Object::Ptr)) checkKeysOf(value->extract<Object::Ptr>(), keys, {}, part_at, source);
            if (value->type() != typeid(Array::Ptr)) continue;
            const Array::Ptr items = value->extract<Array::Ptr>();
            for (unsigned k = 0; items && k < items->size(); ++k)
                if (items->get(k).type() == typeid(Object::Ptr))
                    checkKeysOf(items->getObject(k), keys, {}, part_at + "/" + std::to_string(k), source);
        }
        if (Array::Ptr children = array(block, "blocks")) checkBlocks(children, at + "/blocks", source);
    }
}

// The whole template: its own keys, the page's, the header's and footer's, the styles', the blocks'.
void checkKeys(const Object::Ptr& definition, const std::string& source) {
    checkKeysOf(definition, {"description", "page", "styles", "header", "footer", "body"}, {}, "", source);
    const Object::Ptr page = object(definition, "page");
    checkKeysOf(page, {"width", "height", "orientation", "margins"}, {}, "/page", source);
    checkKeysOf(object(page, "margins"), {"top", "right", "bottom", "left"}, {}, "/page/margins", source);
    if (const Object::Ptr styles = object(definition, "styles"))
        for (auto it = styles->begin(); it != styles->end(); ++it)
            if (it->second.type() == typeid(Object::Ptr))
                checkKeysOf(it->second.extract<Object::Ptr>(), {"size", "weight", "color"}, {}, "/styles/" + it->first,
                            source);
    for (const char* margin : {"header", "footer"}) {
        const Object::Ptr area = object(definition, margin);
        checkKeysOf(area, {"height", "blocks"}, {}, "/" + std::string(margin), source);
        checkBlocks(array(area, "blocks"), "/" + std::string(margin) + "/blocks", source);
    }
    checkBlocks(array(definition, "body"), "/body", source);
}

}  // namespace

Template Template::parse(std::string_view json, std::string name, const std::string& source) {
    Poco::JSON::Parser parser;
    Template parsed;
    parsed.name_ = std::move(name);
    parsed.definition_ = parser.parse(std::string(json)).extract<Object::Ptr>();
    checkOverflows(parsed.definition_, parsed.name_);
    const std::string origin = source.empty() ? parsed.name_ : source;
    checkKeys(parsed.definition_, origin);
    checkRoles(array(parsed.definition_, "body"), "/body", origin, false);
    checkRoles(array(object(parsed.definition_, "header"), "blocks"), "/header/blocks", origin, true);
    checkRoles(array(object(parsed.definition_, "footer"), "blocks"), "/footer/blocks", origin, true);
    const Object::Ptr styles = object(parsed.definition_, "styles");
    std::vector<std::string> names;
    if (styles) styles->getNames(names);
    for (const std::string& style_name : names) {
        const Object::Ptr definition = styles->getObject(style_name);
        TextStyle style;
        style.size = number(definition, "size", 10);
        style.weight = text(definition, "weight") == "bold" ? Weight::Bold : Weight::Regular;
        style.color = parseColor(text(definition, "color", "#000000"));
        parsed.styles_.emplace(style_name, style);
    }
    auto body = parsed.styles_.find("body");
    if (body != parsed.styles_.end()) parsed.fallback_ = body->second;
    return parsed;
}

const TextStyle& Template::style(const std::string& name) const {
    auto found = styles_.find(name.empty() ? "body" : name);
    return found != styles_.end() ? found->second : fallback_;
}

Template Template::load(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) throw std::runtime_error("cannot read template " + file.string());
    std::ostringstream content;
    content << stream.rdbuf();
    return parse(content.str(), file.stem().string(), file.string());
}

LayoutResult layoutDocument(Typesetter& typesetter, const Template& document_template,
                            const Object::Ptr& data, const Slots& slots) {
    return Layouter(typesetter, document_template, data, slots).run();
}

}  // namespace ceres::render
