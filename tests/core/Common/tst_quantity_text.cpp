// Quantity text: SI prefixes and scientific notation parse exactly, and formatted text parses back
// to the value it was made from (the property that lets a field never round what it shows).
#include "common/QuantityText.h"

#include <QtTest>

#include <cstring>
#include <random>

using namespace kh;

class TestQuantityText : public QObject {
    Q_OBJECT
    static double parsed(const char* text, const char* unit)
    {
        const QuantityParse p = parseQuantity(text, unit);
        if (!p.value)
            qFatal("'%s' in '%s' did not parse: %s", text, unit, p.error.c_str());
        return *p.value;
    }
    static bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

private slots:
    void prefixesAndExponentsParseExactly()
    {
        // Each equals the double literal of the same decimal number, bit for bit.
        QVERIFY(sameBits(parsed("1e-5", ""), 1e-5));
        QVERIFY(sameBits(parsed("5e-5", ""), 5e-5));
        QVERIFY(sameBits(parsed("1.5M", "ohm"), 1.5e6));
        QVERIFY(sameBits(parsed("1.5 MΩ", "ohm"), 1.5e6));
        QVERIFY(sameBits(parsed("1.5MOhm", "ohm"), 1.5e6));
        QVERIFY(sameBits(parsed("1e5", "ohm"), 1e5));
        QVERIFY(sameBits(parsed("6k", "ohm"), 6000.0));
        QVERIFY(sameBits(parsed("100 µS", "S"), 1e-4));
        QVERIFY(sameBits(parsed("100uS", "S"), 1e-4));
        QVERIFY(sameBits(parsed("1.1 µ", "S"), 1.1e-6));   // 1.1 × 1e-6 in doubles is 1.1000000000000001e-06
        QVERIFY(sameBits(parsed("0.001%", ""), 1e-5));
        QVERIFY(sameBits(parsed("  300 K ", "K"), 300.0));
        QVERIFY(sameBits(parsed("3m", "s"), 0.003));
        QVERIFY(sameBits(parsed("2.5e-1 V", "V"), 0.25));
        QVERIFY(sameBits(parsed("+7", ""), 7.0));
        QVERIFY(sameBits(parsed("-0.5", ""), -0.5));
        QVERIFY(sameBits(parsed("1.5e3k", "ohm"), 1.5e6));
    }

    void badTextIsRejectedWithAReason()
    {
        for (const char* bad : {"", "   ", "abc", "1e", "1.2.3", "k", "1x", "nan", "inf", "1e999999", "1 kV"}) {
            const QuantityParse p = parseQuantity(bad, "ohm");
            QVERIFY2(!p.value, bad);
            QVERIFY2(!p.error.empty(), bad);
        }
        QVERIFY(parseQuantity("abc", "ohm").error.find("Ω") != std::string::npos);
        QVERIFY(!parseQuantity("5%", "ohm").value);   // percent only for dimensionless fields
    }

    void formattedTextShowsPrefixesAndDigits()
    {
        QCOMPARE(formatQuantity(1.5e6, "ohm"), std::string("1.5 MΩ"));
        QCOMPARE(formatQuantity(1e4, "ohm"), std::string("10 kΩ"));
        QCOMPARE(formatQuantity(0.25, "V"), std::string("250 mV"));
        QCOMPARE(formatQuantity(1e-5, ""), std::string("1e-5"));
        QCOMPARE(formatQuantity(12000, ""), std::string("12000"));
        QCOMPARE(formatQuantity(97.5, "%"), std::string("97.5 %"));
        QCOMPARE(formatQuantity(300, "K"), std::string("300 K"));
        QCOMPARE(formatQuantity(0, "ohm"), std::string("0 Ω"));
        QCOMPARE(formatQuantity(-2e-9, "s"), std::string("-2 ns"));
        QCOMPARE(formatQuantity(1234567, "ohm", 3), std::string("1.23 MΩ"));
        QCOMPARE(formatQuantity(1.1764705882352942e-06, "", 4), std::string("1.176e-6"));
        QCOMPARE(formatQuantity(1e-18, "s"), std::string("0.001 fs"));
        QCOMPARE(shortestNumber(0.1), std::string("0.1"));
        QCOMPARE(shortestNumber(123456789), std::string("1.23456789e8"));
    }

    void stepsRoundAtTheirDecimalPlace()
    {
        QVERIFY(sameBits(roundedAtResolution(0.1 + 0.2, 0.1), 0.3));
        QVERIFY(sameBits(roundedAtResolution(0.010000000000000002 + 0.005, 0.005), 0.015));
        QVERIFY(sameBits(roundedAtResolution(1e4 + 1000, 1000), 11000.0));
        QVERIFY(sameBits(roundedAtResolution(1.23456, 0), 1.23456));
        QCOMPARE(roundedAtResolution(1e-9, 0.1), 0.0);
    }

    void everyFormattedValueParsesBackBitForBit()
    {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> exponent(-17, 14);
        std::uniform_real_distribution<double> mantissa(1, 10);
        int checked = 0;
        for (const char* unit : {"ohm", "", "V", "s", "K", "%", "F^2"})
            for (int i = 0; i < 3000; ++i) {
                const double v = (i % 2 ? -1 : 1) * mantissa(rng) * std::pow(10.0, exponent(rng));
                const std::string text = formatQuantity(v, unit);
                const QuantityParse p = parseQuantity(text, unit);
                QVERIFY2(p.value, text.c_str());
                QVERIFY2(sameBits(*p.value, v), (text + " in " + unit).c_str());
                ++checked;
            }
        QCOMPARE(checked, 21000);
    }
};

QTEST_APPLESS_MAIN(TestQuantityText)
#include "tst_quantity_text.moc"
