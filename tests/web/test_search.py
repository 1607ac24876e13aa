"""The public search (政府信息检索): what it finds, in which order, its counts and pages, the list's
markup, the term counts kept with the index, and that nothing but a signed-off version is ever found.

The page is built by one SQL statement (disclosures/search.page); the ORM version (search.search) is
the reference it must agree with, and the expected answers are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import unittest
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.test import TransactionTestCase
from django.urls import reverse

from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.disclosures import search, workflow
from gongkai.web.disclosures.models import Category, Document, SearchTerm, TermCount
from gongkai.web.portal import pagecache, public

from .base import BaseTestCase

D = dt.date
SIGNED_OFF = D(2025, 3, 10)


def p(name: str, *args) -> str:
    return reverse(name, args=list(args))


def recounted() -> dict[str, int]:
    """The term counts as the postings say they are now."""
    return dict(SearchTerm.objects.values("term").annotate(n=Count("*")).values_list("term", "n"))


def kept() -> dict[str, int]:
    """The term counts as search.index kept them (terms no document holds any more left out)."""
    return dict(TermCount.objects.exclude(documents=0).values_list("term", "documents"))


class SearchTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        pagecache.forget_all()
        self.rules = Category.objects.create(agency=self.agency, name="法规文件", order=1)
        self.finance = Category.objects.create(agency=self.agency, name="财政信息", order=2)

    def publish(self, title, body="", category=None, on=SIGNED_OFF, **fields) -> Document:
        doc = workflow.create(self.agency, self.editor, title=title, body=body, made_on=D(2025, 3, 3),
                              category=category or self.rules, **fields)
        return self.sign_off(doc, on)

    def sign_off(self, doc, on=SIGNED_OFF) -> Document:
        workflow.submit(doc, self.editor, "修订" if doc.version > 1 else "")
        workflow.approve(doc, self.first_reviewer, secrecy_cleared=True)
        workflow.approve(doc, self.reviewer)
        return workflow.approve(doc, self.head, on=on)

    def results(self, query: str, page=None) -> tuple[list[str], int, int]:
        """(titles of the page, total, page number) of the public search page itself."""
        r = self.client.get(p("portal_search", "county"), {"q": query, **({"page": page} if page else {})})
        self.assertEqual(r.status_code, 200)
        text = r.content.decode()
        total = int(re.search(r"的检索结果（共(\d+)条）", text).group(1))
        numbered = re.search(r"第(\d+)页，共\d+页", text)
        titles = re.findall(r'<li><a href="/zfxxgk/county/documents/[^"]+/">([^<]+)</a>', text)
        return titles, total, int(numbered.group(1)) if numbered else 1


class ResultsTests(SearchTestCase):
    def setUp(self):
        super().setUp()
        # Index numbers COUNTY/2025-00001 … in the order of creation.
        self.plan = self.publish("示范县乡村道路建设计划", "修缮道路。", doc_number="示政发〔2025〕3号",
                                 on=D(2025, 3, 3))
        self.traffic = self.publish("示范县交通工作安排", "今年的乡村道路修缮。", self.finance, on=D(2025, 3, 5))
        self.care = self.publish("乡村道路养护办法", "", on=D(2025, 3, 1))
        self.budget = self.publish("示范县财政预算", "无关。", self.finance, on=D(2025, 3, 7))
        workflow.create(self.agency, self.editor, title="乡村道路草稿", body="草稿", made_on=D(2025, 3, 3),
                        category=self.rules)

    def test_titles_holding_every_term_come_first_then_the_newest(self):
        # 乡村道路 → 乡村, 村道, 道路. The plan's and the care rules' titles hold all three (3 title hits),
        # the plan published later (03-03 after 03-01); the traffic notice holds them in its body only
        # (0 title hits) although it is the newest of the three. The draft is never found.
        self.assertEqual(self.results("乡村道路"),
                         (["示范县乡村道路建设计划", "乡村道路养护办法", "示范县交通工作安排"], 3, 1))
        # 示范县 in three titles (plan 03-03, traffic 03-05, budget 03-07): newest first; care has none.
        self.assertEqual(self.results("示范县")[0], ["示范县财政预算", "示范县交通工作安排", "示范县乡村道路建设计划"])
        # 修缮: the plan's and the traffic notice's bodies; 0 title hits each, so newest first.
        self.assertEqual(self.results("修缮")[0], ["示范县交通工作安排", "示范县乡村道路建设计划"])
        self.assertEqual(self.results("村道预算"), ([], 0, 1))  # each term occurs, never all in one document
        self.assertEqual(self.results("高速公路"), ([], 0, 1))  # 高速 is no term at all

    def test_the_list_is_marked_up_as_the_catalogue_lists_the_same_document(self):
        r = self.client.get(p("portal_search", "county"), {"q": "道路建设"})
        # Hand-written: the link of COUNTY/2025-00001 ("~" for "/"), 文号 · heading · date.
        item = ('<li><a href="/zfxxgk/county/documents/COUNTY~2025-00001/">示范县乡村道路建设计划</a>\n'
                '<div class="meta">示政发〔2025〕3号 · 法规文件 · <time datetime="2025-03-03">2025-03-03</time>'
                '</div></li>')
        self.assertContains(r, '<ul class="docs">\n' + item + "\n</ul>", html=False)
        self.assertContains(self.client.get(p("portal_catalogue", "county")), item)
        # Without a 文号: heading and date only; the link opens the document's page.
        r = self.client.get(p("portal_search", "county"), {"q": "养护"})
        self.assertContains(r, '<a href="/zfxxgk/county/documents/COUNTY~2025-00003/">乡村道路养护办法</a>\n'
                               '<div class="meta">法规文件 · <time datetime="2025-03-01">2025-03-01</time></div>')
        self.assertContains(self.client.get("/zfxxgk/county/documents/COUNTY~2025-00003/"), "乡村道路养护办法")
        self.assertContains(self.client.get(p("portal_search", "county"), {"q": "高速公路"}),
                            '<ul class="docs">\n<li>没有找到相关的政府信息，请换一个词试试。</li>\n</ul>')

    def test_it_shows_the_version_signed_off_never_a_revision_under_review(self):
        workflow.edit(self.plan, self.editor, "改标题", title="示范县内部讨论稿", body="尚未审定。")
        self.assertEqual(self.results("内部讨论")[1], 0)
        self.assertEqual(self.results("尚未审定")[1], 0)
        self.assertEqual(self.results("道路建设")[0], ["示范县乡村道路建设计划"])
        self.sign_off(Document.objects.get(pk=self.plan.pk), on=D(2025, 3, 9))
        self.assertEqual(self.results("内部讨论")[0], ["示范县内部讨论稿"])
        self.assertEqual(self.results("道路建设")[1], 0)

    def test_it_agrees_with_the_queryset_search_whichever_way_the_statement_probes(self):
        queries = ("乡村道路", "示范县", "道路", "修缮", "示范 道路", "2025", "县财政", "村道预算", "财", "高速公路")
        reference = {}
        for q in queries:
            page = Paginator(search.search(public.published(self.agency), q), 2).get_page(1)
            reference[q] = ([d.index_number for d in page], page.paginator.count)
        for few in (search.FEW, 0):  # 0: even a rare term is read as common (EXISTS, left to the planner)
            with self.subTest(few=few), mock.patch.object(search, "FEW", few):
                for q in queries:
                    page = search.page(self.agency.pk, q, 1, 2)
                    self.assertEqual(([h.index_number for h in page], page.paginator.count), reference[q], q)
        # "示范县" by hand: budget (03-07), traffic (03-05), then the plan on page 2 of 2 per page.
        self.assertEqual(reference["示范县"], (["COUNTY/2025-00004", "COUNTY/2025-00002"], 3))

    def test_withdrawn_documents_and_other_agencies_are_not_found(self):
        workflow.withdraw(self.care, self.head, "已废止")
        self.assertEqual(self.results("乡村道路")[0], ["示范县乡村道路建设计划", "示范县交通工作安排"])
        r = self.client.get(p("portal_search", "donghu"), {"q": "乡村道路"})
        self.assertContains(r, "（共0条）")


class PagesTests(SearchTestCase):
    def setUp(self):
        super().setUp()
        # 25 documents, 批量信息{i}号 published on 2025-01-01 + i days: every title holds 批量/量信/信息, so
        # they come newest first: i = 24 … 5 on page 1, 4 … 0 on page 2.
        for i in range(25):
            doc = Document.objects.create(
                agency=self.agency, index_number=f"X/2025-{i:05d}", title=f"t{i}", public_title=f"批量信息{i}号",
                made_on=D(2025, 1, 1), category=self.rules, public_category=self.rules, public_channels="on_website",
                drafted_by=self.editor, public_version=1, published_on=D(2025, 1, 1) + dt.timedelta(days=i),
                state="published")
            search.index(doc)

    def test_twenty_a_page_and_the_last_page_past_the_end(self):
        first = [f"批量信息{i}号" for i in range(24, 4, -1)]
        second = [f"批量信息{i}号" for i in range(4, -1, -1)]
        self.assertEqual(self.results("批量信息"), (first, 25, 1))
        self.assertEqual(self.results("批量信息", 2), (second, 25, 2))
        # As Paginator.get_page: past the end or below 1 → the last page; not a whole number → the first.
        for asked in ("99", "0", "-3"):
            self.assertEqual(self.results("批量信息", asked), (second, 25, 2), asked)
        for asked in ("abc", "2.5", "2.0"):
            self.assertEqual(self.results("批量信息", asked), (first, 25, 1), asked)
        r = self.client.get(p("portal_search", "county"), {"q": "批量信息"})
        self.assertContains(r, "第1页，共2页")
        self.assertContains(r, 'href="?q=%E6%89%B9%E9%87%8F%E4%BF%A1%E6%81%AF&amp;page=2"')
        # One document: 批量信息7号 holds 7 as a word of its title.
        self.assertEqual(self.results("信息 7"), (["批量信息7号"], 1, 1))


class TermCountTests(SearchTestCase):
    def test_counts_follow_publication_revision_and_withdrawal(self):
        plan = self.publish("乡村道路建设计划", "修缮道路。")
        care = self.publish("乡村道路养护办法")
        # 道路 in both; 建设 only in the plan; 养护 only in the care rules.
        self.assertEqual({t: kept()[t] for t in ("道路", "建设", "养护")}, {"道路": 2, "建设": 1, "养护": 1})
        workflow.edit(plan, self.editor, "改为预算", title="财政预算安排", body="预算。")
        self.assertEqual(kept()["建设"], 1)  # a draft revision changes nothing public
        self.sign_off(Document.objects.get(pk=plan.pk))
        counts = kept()
        self.assertEqual((counts["道路"], counts.get("建设"), counts["预算"]), (1, None, 1))
        workflow.withdraw(care, self.head, "已过时")
        counts = kept()
        self.assertEqual((counts.get("道路"), counts.get("养护"), counts["预算"]), (None, None, 1))
        self.assertEqual(kept(), recounted())

    def test_a_query_of_a_term_never_counted_still_searches(self):
        # The counts only order the terms: a term missing from them (written around search.index) is
        # read as the rarest, and the result is the same.
        doc = self.publish("乡村道路建设计划")
        TermCount.objects.filter(term="建设").delete()
        self.assertEqual(self.results("道路建设")[0], ["乡村道路建设计划"])
        TermCount.objects.update(documents=5)
        self.assertEqual(self.results("路建 计划")[0], [doc.public_title])


@pytest.mark.may_skip("two connections at once: SQLite's test database cannot; run with PostgreSQL")
@unittest.skipUnless(os.environ.get("DATABASE_URL", "").startswith("postgres"), "row locks need PostgreSQL")
class TwoDocumentsIndexedAtOnceTestCase(TransactionTestCase):
    """Two documents sharing most of their terms are indexed at the same moment, each in its own
    connection: the second waits for the first's rows of the shared terms (taken in term order, so no
    deadlock), and every count ends right."""

    def test_the_counts_add_up(self):
        from django.contrib.auth import get_user_model

        agency = Agency.objects.create(name="示范县人民政府", code="shifan", level="government")
        user = get_user_model().objects.create_user("ed", password="password")
        Membership.objects.create(user=user, agency=agency, role="editor")
        body = "根据有关规定，现将乡村道路建设有关事项通知如下。" * 50
        docs = [Document.objects.create(
            agency=agency, index_number=f"S/2025-{i:05d}", title=f"通知{i}", public_title=f"乡村道路通知{i}",
            public_body=body + str(i), made_on=D(2025, 1, 1), drafted_by=user, public_version=1,
            published_on=D(2025, 1, 2), state="published") for i in range(2)]
        barrier, failures = threading.Barrier(2), []

        def index(doc):
            barrier.wait()
            try:
                search.index(doc)
            except Exception as exc:  # reported below: a deadlock would be one
                failures.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=index, args=(doc,)) for doc in docs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        counts = kept()
        # 道路 and 通知 in both documents; the words 0 and 1 (of title and body) one each.
        self.assertEqual((counts["道路"], counts["通知"], counts["0"], counts["1"]), (2, 2, 1, 1))
        self.assertEqual(counts, recounted())
