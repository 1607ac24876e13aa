<?xml version="1.0" encoding="UTF-8"?>
<!--
  The body of a Word main document part, reduced to what read/docx.py needs (see its docstring):

    <d>
      <p s="style id" o="outline level">text, tabs and line breaks as characters</p>
      <g r="relationship id"/> per picture of the paragraph before it (DrawingML blip, VML image)
      <t g="declared grid columns">
        <r b="gridBefore"><c s="gridSpan" v="vMerge" h="hMerge"><q>paragraph text</q>…</c>…</r>…
      </t>
    </d>

  Blocks are read in document order through wrappers (content controls, custom XML, tracked
  insertions and moves). A table whose cells hold tables is page layout: its cells' blocks are
  read as the body's. In a paragraph, text boxes, drawings, deleted and moved-away text, field
  codes and alternate content are skipped. s/o/b are empty when absent; s/v/h are present only
  when the cell has that property (v/h: its w:val, or "continue" when it has none), the last one
  counting when a property is repeated, as the first w:tcPr/w:trPr/w:pPr does.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
    xmlns:v="urn:schemas-microsoft-com:vml"
    xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    exclude-result-prefixes="w mc a v rel">
  <xsl:output method="xml" encoding="UTF-8"/>

  <xsl:template match="/"><d><xsl:apply-templates select="*/w:body[1]/*" mode="block"/></d></xsl:template>

  <!-- Blocks: paragraphs and tables. -->
  <xsl:template match="*" mode="block"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="block">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>
  <xsl:template match="w:p" mode="block">
    <p s="{w:pPr[1]/w:pStyle[1]/@w:val}" o="{w:pPr[1]/w:outlineLvl[1]/@w:val}">
      <xsl:apply-templates select="*" mode="text"/>
    </p>
    <!-- The paragraph's pictures, by relationship id (a VML fallback repeats a drawing: left out). -->
    <xsl:for-each select=".//a:blip/@rel:embed | .//v:imagedata[not(ancestor::mc:Fallback)]/@rel:id">
      <g r="{.}"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="w:tbl" mode="block">
    <xsl:choose>
      <!-- A table with no table below it, as nearly all are, needs no look at its cells. -->
      <xsl:when test="not(.//w:tbl)"><xsl:call-template name="data-table"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="nested"><xsl:apply-templates select="*" mode="nested-row"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="string($nested)"><xsl:apply-templates select="*" mode="layout-row"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="data-table"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template name="data-table">
    <t g="{count(w:tblGrid/w:gridCol)}"><xsl:apply-templates select="*" mode="row"/></t>
  </xsl:template>

  <!-- Does some cell of this table hold a table? ("x" per such cell) -->
  <xsl:template match="*" mode="nested-row"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="nested-row">
    <xsl:apply-templates select="*" mode="nested-row"/>
  </xsl:template>
  <xsl:template match="w:tr" mode="nested-row"><xsl:apply-templates select="*" mode="nested-cell"/></xsl:template>
  <xsl:template match="*" mode="nested-cell"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="nested-cell">
    <xsl:apply-templates select="*" mode="nested-cell"/>
  </xsl:template>
  <xsl:template match="w:tc[.//w:tbl]" mode="nested-cell">x</xsl:template>

  <!-- A layout table: each cell's blocks, in order. -->
  <xsl:template match="*" mode="layout-row"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="layout-row">
    <xsl:apply-templates select="*" mode="layout-row"/>
  </xsl:template>
  <xsl:template match="w:tr" mode="layout-row"><xsl:apply-templates select="*" mode="layout-cell"/></xsl:template>
  <xsl:template match="*" mode="layout-cell"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="layout-cell">
    <xsl:apply-templates select="*" mode="layout-cell"/>
  </xsl:template>
  <xsl:template match="w:tc" mode="layout-cell"><xsl:apply-templates select="*" mode="block"/></xsl:template>

  <!-- A data table: rows, cells with their merge marks, each cell's paragraphs. -->
  <xsl:template match="*" mode="row"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="row">
    <xsl:apply-templates select="*" mode="row"/>
  </xsl:template>
  <xsl:template match="w:tr" mode="row">
    <r b="{w:trPr[1]/w:gridBefore[1]/@w:val}"><xsl:apply-templates select="*" mode="cell"/></r>
  </xsl:template>
  <xsl:template match="*" mode="cell"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="cell">
    <xsl:apply-templates select="*" mode="cell"/>
  </xsl:template>
  <xsl:template match="w:tc" mode="cell">
    <xsl:variable name="pr" select="w:tcPr[1]"/>
    <c>
      <xsl:if test="$pr/w:gridSpan">
        <xsl:attribute name="s"><xsl:value-of select="$pr/w:gridSpan[last()]/@w:val"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="$pr/w:vMerge">
        <xsl:attribute name="v">
          <xsl:choose>
            <xsl:when test="$pr/w:vMerge[last()]/@w:val"><xsl:value-of select="$pr/w:vMerge[last()]/@w:val"/></xsl:when>
            <xsl:otherwise>continue</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$pr/w:hMerge">
        <xsl:attribute name="h">
          <xsl:choose>
            <xsl:when test="$pr/w:hMerge[last()]/@w:val"><xsl:value-of select="$pr/w:hMerge[last()]/@w:val"/></xsl:when>
            <xsl:otherwise>continue</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="*" mode="cell-paragraph"/>
    </c>
  </xsl:template>
  <xsl:template match="*" mode="cell-paragraph"/>
  <xsl:template match="w:sdt|w:sdtContent|w:customXml|w:ins|w:moveTo|w:smartTag" mode="cell-paragraph">
    <xsl:apply-templates select="*" mode="cell-paragraph"/>
  </xsl:template>
  <xsl:template match="w:p" mode="cell-paragraph"><q><xsl:apply-templates select="*" mode="text"/></q></xsl:template>

  <!-- The text of a paragraph: every element is looked into, except these. -->
  <xsl:template match="*" mode="text"><xsl:apply-templates select="*" mode="text"/></xsl:template>
  <xsl:template match="w:pPr|w:rPr|w:del|w:moveFrom|w:drawing|w:pict|w:object|w:txbxContent|w:instrText|w:delText
                       |w:footnoteReference|w:endnoteReference|w:commentReference|w:sdtPr|mc:AlternateContent"
                mode="text"/>
  <xsl:template match="w:t" mode="text"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="w:tab" mode="text"><xsl:text>&#9;</xsl:text></xsl:template>
  <xsl:template match="w:br|w:cr" mode="text"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:noBreakHyphen" mode="text">-</xsl:template>
</xsl:stylesheet>
