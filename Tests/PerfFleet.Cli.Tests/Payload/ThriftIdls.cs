namespace PerfFleet.Cli.Tests.Payload;

/// <summary>A realistic two-file IDL (a shop's orders and the money and address types it includes).</summary>
internal static class ThriftIdls
{
    public const string Common = """
        namespace java com.acme.common
        namespace netstd Acme.Common

        /** Money in minor units. */
        typedef i64 Cents

        enum Currency { EUR = 1, USD = 2, GBP }

        struct Money {
          1: required Cents amount
          2: optional Currency currency = Currency.EUR
        }

        struct Address {
          1: string street,
          2: string city;
          3: optional string zip
        }
        """;

    public const string Shop = """
        include "common.thrift"

        namespace * shop

        # Where an order is
        enum Status {
          NEW,
          PAID = 5,
          SHIPPED   // 6
        }

        const i32 MAX_LINES = 100
        const list<string> TAGS = ["gift", "sale"]
        const map<string, common.Money> FREE_SHIPPING = {"EUR": {"amount": 5000}}

        typedef list<Line> Lines

        struct Line {
          1: required string sku
          2: i16 qty = 1
          3: common.Money price
          4: optional set<string> tags
        }

        union Payment {
          1: string card_token
          2: binary voucher
          3: bool cash
        }

        exception OutOfStock {
          1: string sku (go.tag = "json:\"sku\"")
          2: i32 available
        }

        /* An order as the shop's
           checkout service receives it. */
        struct Order {
          1: required string id
          2: Status status = Status.NEW
          3: Lines lines
          4: map<string, common.Money> totals
          5: optional common.Address ship_to
          6: optional Payment payment
          7: i64 created_ms
          8: double discount
          9: i8 priority
          10: optional uuid trace
          11: map<i32, string> notes
          12: optional map<common.Address, i32> visits
          13: optional list<list<i32>> matrix
          14: optional Order parent
          15: optional bool gift
          16: optional map<Status, i16> counts
        }

        service Checkout {
          Order get(1: string id) throws (1: OutOfStock missing)
          oneway void ping()
        }
        """;

    /// <summary>An Order using every field: containers, nesting, a union, an enum-keyed map and pairs for struct keys.</summary>
    public const string OrderBody = """
        {"id": "o-1", "status": "PAID",
         "lines": [{"sku": "A-1", "qty": 2, "price": {"amount": 1999, "currency": "USD"}, "tags": ["red", "sale"]},
                   {"sku": "B-2", "qty": 1, "price": {"amount": 500}}],
         "totals": {"USD": {"amount": 4498, "currency": "USD"}},
         "ship_to": {"street": "Main St 1", "city": "Zürich"},
         "payment": {"voucher": "AAEC/w=="},
         "created_ms": 9007199254740993, "discount": 0.25, "priority": -3,
         "trace": "6f1c2a3b-4d5e-4f60-8172-93a4b5c6d7e8",
         "notes": {"1": "ring twice", "-2": "leave at door"},
         "visits": [[{"street": "A", "city": "B"}, 3]],
         "matrix": [[1, 2], [], [3]],
         "parent": {"id": "o-0", "status": "NEW"},
         "gift": true,
         "counts": {"SHIPPED": 2, "NEW": -1}}
        """;
}
