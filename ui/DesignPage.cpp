#include "DesignPage.h"

#include "QuantityField.h"

#include "common/InputError.h"
#include "common/QuantityText.h"
#include "spec/DesignFields.h"
#include "spec/DesignPointJson.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

namespace kh::ui {

DesignPage::DesignPage(QWidget* parent) : QWidget(parent), status_(new QLabel)
{
    status_->setObjectName("pageStatus");
    status_->setWordWrap(true);
    status_->setStyleSheet("color: #b00020");
}

void DesignPage::showDesign(const DesignPoint& dp)
{
    clearMarks();   // before fill: a page may report a problem with what it shows
    pending_.reset();
    updating_ = true;
    shown_ = dp;
    fill(dp);
    updating_ = false;
}

QString DesignPage::refusedReason() const { return status_->text(); }

void DesignPage::bindField(const std::string& keyPath, QWidget* w) { fields_[keyPath] = w; }

void DesignPage::clearMarks()
{
    if (auto* q = qobject_cast<QuantityField*>(invalid_)) {
        q->setError({});
    } else if (invalid_) {
        invalid_->setStyleSheet({});
        invalid_->setToolTip(invalid_->property("normalToolTip").toString());
    }
    const bool had = !status_->text().isEmpty();
    invalid_ = nullptr;
    status_->clear();
    if (had)
        emit refusedEditChanged({});
}

void DesignPage::markInvalid(QWidget* w, const QString& reason)
{
    clearMarks();
    status_->setText(reason);
    emit refusedEditChanged(reason);
    if (!w)
        return;
    invalid_ = w;
    if (auto* q = qobject_cast<QuantityField*>(w)) {
        q->setError(reason);
        return;
    }
    if (!w->property("normalToolTip").isValid())
        w->setProperty("normalToolTip", w->toolTip());
    w->setStyleSheet("border: 2px solid #b00020;");
    w->setToolTip(reason);
}

namespace {
const DesignField& fieldOf(const std::string& key)
{
    const DesignField* f = findDesignField(key);
    if (!f)
        qFatal("no design-point field %s", key.c_str());
    return *f;
}

QString tooltipOf(const DesignField& f)
{
    return QString::fromStdString(f.key + ": " + f.description);
}

QString suffixOf(const DesignField& f) { return f.displayUnit.empty() ? QString() : " " + QString::fromStdString(f.displayUnit); }
} // namespace

QSpinBox* DesignPage::intEditor(const std::string& key, const QString& label)
{
    const DesignField& f = fieldOf(key);
    auto* s = new QSpinBox;
    s->setRange(int(f.min), int(f.max));
    s->setSuffix(suffixOf(f));
    s->setToolTip(tooltipOf(f));
    s->setKeyboardTracking(false);   // one edit per finished number, not per keystroke
    bindField(key, s);
    fillers_.push_back([s, &f](const DesignPoint& dp) { s->setValue(f.get(dp).get<int>()); });
    connect(s, &QSpinBox::valueChanged, this, [this, key, label](int v) { proposeField(key, v, label); });
    return s;
}

QuantityField* DesignPage::quantityWidget(const std::string& key)
{
    const DesignField& f = fieldOf(key);
    auto* s = new QuantityField;
    s->setRange(f.min, f.max);
    s->setUnit(f.unit);
    s->setSingleStep(f.step / f.displayScale);   // the table's step is in display units
    s->setDescription(tooltipOf(f));
    if (std::isfinite(f.plausibleMax))
        s->setPlausibleMaximum(f.plausibleMax, QString::fromStdString(f.plausibleNote));
    connect(s, &QuantityField::rejected, this, [this, s](const QString& reason) { markInvalid(s, reason); });
    return s;
}

QuantityField* DesignPage::numberEditor(const std::string& key, const QString& label)
{
    const DesignField& f = fieldOf(key);
    QuantityField* s = quantityWidget(key);
    bindField(key, s);
    // The field holds the stored SI value itself, so what it shows is what is saved.
    fillers_.push_back([s, &f](const DesignPoint& dp) { s->setValue(f.get(dp).get<double>()); });
    connect(s, &QuantityField::valueChanged, this, [this, key, label](double v) { proposeField(key, v, label); });
    return s;
}

QComboBox* DesignPage::enumEditor(const std::string& key, const QString& label)
{
    const DesignField& f = fieldOf(key);
    auto* box = new QComboBox;
    for (const std::string& c : f.choices)
        box->addItem(QString::fromStdString(c));
    box->setToolTip(tooltipOf(f));
    bindField(key, box);
    fillers_.push_back([box, &f](const DesignPoint& dp) { box->setCurrentText(QString::fromStdString(f.get(dp).get<std::string>())); });
    connect(box, &QComboBox::currentIndexChanged, this, [this, key, label, box] { proposeField(key, box->currentText().toStdString(), label); });
    return box;
}

QLineEdit* DesignPage::textEditor(const std::string& key, const QString& label)
{
    const DesignField& f = fieldOf(key);
    auto* edit = new QLineEdit;
    edit->setToolTip(tooltipOf(f));
    edit->setPlaceholderText(QString::fromStdString(f.nullMeaning));
    bindField(key, edit);
    // Shown as numbers separated by commas; an empty field is null (the meaning in the placeholder).
    fillers_.push_back([edit, &f](const DesignPoint& dp) {
        const nlohmann::json v = f.get(dp);
        QStringList parts;
        for (const nlohmann::json& x : v.is_array() ? v : (v.is_null() ? nlohmann::json::array() : nlohmann::json::array({v})))
            parts << QString::fromStdString(shortestNumber(x.get<double>()));
        edit->setText(parts.join(", "));
    });
    connect(edit, &QLineEdit::editingFinished, this, [this, key, label, edit, &f] {
        nlohmann::json value = nlohmann::json::array();
        for (const QString& part : edit->text().split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const double x = part.trimmed().toDouble(&ok);
            if (!ok) {
                markInvalid(edit, tr("%1: \"%2\" is not a number").arg(QString::fromStdString(key), part.trimmed()));
                return;
            }
            value.push_back(x);
        }
        if (value.empty())
            value = nullptr;
        else if (f.kind != FieldKind::NumberList && value.size() == 1)
            value = value[0];
        else if (f.kind != FieldKind::NumberList) {
            markInvalid(edit, tr("%1: one number, or empty").arg(QString::fromStdString(key)));
            return;
        }
        if (value == f.get(shown()))
            return;   // focus left without a change
        proposeField(key, value, label);
    });
    return edit;
}

void DesignPage::fillEditors(const DesignPoint& dp)
{
    for (const auto& fill : fillers_)
        fill(dp);
}

bool DesignPage::proposeField(const std::string& key, const nlohmann::json& value, const QString& label)
{
    if (updating_)
        return false;
    DesignPoint next = shown_;
    try {
        setField(next, key, value);
    } catch (const InputError& e) {
        markInvalid(fields_.count(key) ? fields_.at(key) : nullptr, QString::fromStdString(e.what()));
        return false;
    }
    adjust(next, key);
    // An edit still marked invalid elsewhere on the page applies with this one when the two fit
    // together (rows raised to make room for the parallel rows typed before); otherwise it is
    // dropped, and its widget shows the document's value again.
    const auto pending = pending_;
    pending_.reset();
    if (pending && pending->first != key) {
        DesignPoint both = next;
        try {
            setField(both, pending->first, pending->second);
            adjust(both, pending->first);
            validateDesignPoint(both);
            return propose(both, label);
        } catch (const InputError&) {
        }
    }
    if (!propose(next, label, QString::fromStdString(key))) {
        pending_ = std::make_pair(key, value);
        return false;
    }
    return true;
}

void DesignPage::setField(DesignPoint& dp, const std::string& key, const nlohmann::json& value)
{
    const DesignField& f = fieldOf(key);
    const nlohmann::json object = {{f.name(), value}};
    JsonObjectReader r(object, f.section());
    f.read(r, f.name(), dp, "");
}

bool DesignPage::propose(const DesignPoint& next, const QString& label, const QString& field)
{
    if (updating_)
        return false;
    try {
        validateDesignPoint(next);
    } catch (const InputError& e) {
        const std::string message = e.what();
        const std::string& key = e.key();
        // The most specific registered key that the error's path starts with.
        QWidget* field = nullptr;
        size_t best = 0;
        for (const auto& [path, w] : fields_)
            if (key.rfind(path, 0) == 0 && path.size() > best) {
                field = w;
                best = path.size();
            }
        markInvalid(field, QString::fromStdString(message));
        return false;
    }
    clearMarks();
    emit edited(next, label, field);
    return true;
}

} // namespace kh::ui
